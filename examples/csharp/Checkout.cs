// SPDX-License-Identifier: Apache-2.0
// A short till session on the embedded SQLite store, through the C# binding.
// Run: TALLY_SOURCE_DIR=<source tree> LD_LIBRARY_PATH=<dir of libtally.so> mono tally_csharp_example.exe
using System;
using System.IO;
using Tally;

internal static class TillExample
{
    private static int Main()
    {
        string source = Environment.GetEnvironmentVariable("TALLY_SOURCE_DIR") ?? ".";
        string dir = Path.Combine(Path.GetTempPath(), "tally-till-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            long now = Engine.UnixSeconds(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
            Console.WriteLine("libtally " + Engine.Version);
            using (Engine engine = Engine.OpenSqlite(Path.Combine(dir, "till.db"), "{\"account\": \"store-42\"}"))
            {
                // Back office: the catalog, the store, its enrollment, a customer.
                string catalog = File.ReadAllText(Path.Combine(source, "examples", "data", "catalog.json"));
                CatalogSummary loaded = engine.LoadCatalog(catalog, now);
                Console.WriteLine("catalog: " + loaded.Products + " products, " + loaded.Programs + " programs");
                engine.SaveLocation("{\"id\": \"raleigh\", \"name\": \"Tail Waggers Raleigh\", \"state\": \"NC\", " +
                                    "\"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}", now);
                engine.Enroll("{\"location\": \"raleigh\", \"program\": \"northpaw-fb\", " +
                              "\"distributor\": \"eastern\", \"account_number\": \"EPS-20417\"}", now);
                engine.SaveCustomer("{\"id\": \"C1001\", \"first_name\": \"Maria\", \"last_name\": \"Alvarez\", " +
                                    "\"email\": \"maria.alvarez@example.com\"}", now);

                // The till: ten bags complete a card, and the customer takes one free.
                using (Checkout checkout = engine.OpenCheckout("raleigh", "C1001", "R-1001", now))
                {
                    checkout.SetMultiPunchReason("converting a paper card");
                    int punches = checkout.AddLine("084213101044", 10, 1899);
                    Console.WriteLine("punches: " + punches);
                    foreach (Reward reward in checkout.Rewards())
                        Console.WriteLine("reward waiting: " + reward.ProgramName + " / " + reward.CardName + ", " +
                                          reward.Allowed.Count + " items allowed");
                    try
                    {
                        checkout.AddLine("012345678905", 1, 999);
                    }
                    catch (UnknownUpcException e)
                    {
                        Console.WriteLine("refused: " + e.Name + " (" + e.Code + ") at " + e.Field + ": " + e.Message);
                    }
                    checkout.Redeem("northpaw-fb", "dog-small", "084213102041", 1899);
                    CheckoutResult result = checkout.Finish();
                    Console.WriteLine("finished " + result.Receipt + " on " + result.BusinessDate + ": " +
                                      result.Punches.Count + " punches, " + result.Redemptions.Count + " redemption");
                }
                foreach (CreditLine line in engine.EnumerateCreditLines())
                    Console.WriteLine("credit line " + line.Id + ": " + line.State + ", " + line.Partner + " owes " +
                                      line.Quantity * line.UnitPrice + " cents for " + line.Upc);
            }
            return 0;
        }
        catch (TallyException e)
        {
            Console.Error.WriteLine("tally error " + e.Code + " (" + e.Name + "): " + e.Message);
            return 1;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
