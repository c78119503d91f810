// SPDX-License-Identifier: Apache-2.0
// Self-contained HTML pages of the Command Center and of reports: one file, inline CSS, no
// script and nothing fetched (a Content-Security-Policy says so), to open from a disk or
// attach to an email.
#include "html.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <boost/json.hpp>

#include "args.hpp"
#include "output.hpp"

namespace tally_cli {

namespace json = boost::json;

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string text(const json::value& v) {
  if (v.is_string()) return escape(v.get_string());
  if (v.is_null()) return "";
  if (v.is_array()) return std::to_string(v.get_array().size());
  return escape(json::serialize(v));
}

std::int64_t number(const json::value& v, std::string_view key) {
  const json::value* n = v.is_object() ? v.get_object().if_contains(key) : nullptr;
  return n && n->is_int64() ? n->get_int64() : 0;
}

constexpr const char* kStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1d2733; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #dde3ea; padding-bottom: .2rem; margin-top: 2rem; }
.sub { color: #5b6b7c; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } th, td { padding: .3rem .7rem; text-align: left; border-bottom: 1px solid #e7ecf1; }
th { background: #f3f6f9; font-weight: 600; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; } .card { border: 1px solid #dde3ea; border-radius: 8px; padding: .7rem 1rem; min-width: 12rem; }
.card b { display: block; font-size: 1.5rem; } .alert { border-color: #e0a100; background: #fff8e5; }
.bar { background: #3d7bd9; height: .8rem; border-radius: 3px; min-width: 2px; } .barcell { width: 16rem; }
a { color: #245fb8; }
)";

std::string page(const std::string& title, const std::string& subtitle, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape(title) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n<h1>" + escape(title) +
         "</h1>\n<p class=\"sub\">" + escape(subtitle) + "</p>\n" + body + "</body></html>\n";
}

// Rows (objects) as a table of their plain members; cents as dollars.
std::string rows_table(const json::array& rows) {
  if (rows.empty()) return "<p>None.</p>\n";
  const std::vector<std::string> names = member_names(rows, false);
  std::string out = "<table><tr>";
  for (const auto& n : names) out += "<th>" + escape(n) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& n : names) {
      const json::value* v = row.is_object() ? row.get_object().if_contains(n) : nullptr;
      if (v && v->is_int64())
        out += "<td class=\"n\">" + (is_money(n) ? dollars(v->get_int64()) : std::to_string(v->get_int64())) + "</td>";
      else out += "<td>" + (v ? text(*v) : "") + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// Credit lines per state, {"new": {"lines", "units", "value"}, ...}: a table with a bar per
// state, its length the state's value against the largest.
std::string state_totals(const json::value& totals) {
  if (!totals.is_object() || totals.get_object().empty()) return "<p>No credit lines.</p>\n";
  std::int64_t largest = 1, lines = 0, units = 0, value = 0;
  for (const auto& s : totals.get_object()) largest = std::max(largest, number(s.value(), "value"));
  std::string out = "<table class=\"states\"><tr><th>state</th><th>lines</th><th>units</th><th>value</th><th></th></tr>\n";
  for (const auto& s : totals.get_object()) {
    const std::int64_t v = number(s.value(), "value");
    lines += number(s.value(), "lines");
    units += number(s.value(), "units");
    value += v;
    char width[16];
    std::snprintf(width, sizeof width, "%.1f%%", 100.0 * static_cast<double>(v) / static_cast<double>(largest));
    out += "<tr><td>" + escape(s.key()) + "</td><td class=\"n\">" + std::to_string(number(s.value(), "lines")) +
           "</td><td class=\"n\">" + std::to_string(number(s.value(), "units")) + "</td><td class=\"n\">" + dollars(v) +
           "</td><td class=\"barcell\"><div class=\"bar\" style=\"width: " + width + "\"></div></td></tr>\n";
  }
  out += "<tr><th>total</th><th class=\"n\">" + std::to_string(lines) + "</th><th class=\"n\">" + std::to_string(units) +
         "</th><th class=\"n\">" + dollars(value) +
         "</th><th></th></tr>\n";
  return out + "</table>\n";
}

// A report document: its query, then each part (state totals with bars, rows as tables).
std::string report_body(const json::object& report) {
  std::string query = "<table>";
  std::string parts;
  for (const auto& m : report) {
    const std::string name(m.key());
    if (name == "totals") parts += "<h2 id=\"credit-status\">Credit status</h2>\n" + state_totals(m.value());
    else if (m.value().is_array()) parts += "<h2 id=\"" + escape(name) + "\">" + escape(name) + "</h2>\n" + rows_table(m.value().get_array());
    else if (!m.value().is_object()) query += "<tr><th>" + escape(name) + "</th><td>" + text(m.value()) + "</td></tr>";
  }
  // A credit status report's partners: each manufacturer's states, as the totals are.
  if (const json::value* partners = report.if_contains("partners"); partners && partners->is_array())
    for (const auto& p : partners->get_array())
      for (const auto& m : p.at("manufacturers").as_array())
        parts += "<h3>" + text(p.at("partner")) + " / " + text(m.at("manufacturer")) + "</h3>\n" + state_totals(m.at("states"));
  return query + "</table>\n" + parts;
}

std::string card(const std::string& label, const std::string& value, const std::string& link, bool alert) {
  std::string body = "<b>" + value + "</b>" + escape(label);
  if (!link.empty()) body = "<a href=\"#" + link + "\">" + body + "</a>";
  return std::string("<div class=\"card") + (alert ? " alert" : "") + "\">" + body + "</div>";
}

}  // namespace

std::string command_center_page(const std::string& document, const std::vector<std::string>& credit_reports) {
  const json::value doc = json::parse(document);
  const auto& action = doc.at("action_needed");
  const auto& declined = action.at("declined_credits");
  const auto& holding = action.at("temporary_holding");
  const auto& billing = action.at("billing");
  std::string body = "<h2 id=\"action-needed\">Action needed: " + std::to_string(number(action, "count")) + "</h2>\n<div class=\"cards\">";
  body += card("declined credit lines", std::to_string(number(declined, "count")), "declined-lines", number(declined, "count") > 0);
  body += card("programs in Temporary Holding", std::to_string(number(holding, "count")), "held-programs", number(holding, "count") > 0);
  const bool billing_due = billing.at("needs_action").as_bool();
  body += card(billing_due ? std::string(billing.at("flag").as_string()) : "billing in order", billing_due ? "!" : "ok", "", billing_due);
  body += "</div>\n<h3 id=\"declined-lines\">Declined credit lines</h3>\n";
  json::array lines;
  for (const char* stream : {"free_goods", "rebates"})
    for (const auto& line : declined.at(stream).at("lines").as_array()) lines.push_back(line);
  body += rows_table(lines);
  body += "<h3 id=\"held-programs\">Programs in Temporary Holding</h3>\n" + rows_table(holding.at("programs").as_array());

  const auto& top = doc.at("offers_from_top_brands");
  body += "<h2 id=\"top-brands\">Offers from top brands</h2>\n<p>Frequent-buyer sales over the last " +
          std::to_string(number(top, "days")) + " days.</p>\n" + rows_table(top.at("brands").as_array()) +
          "<h3>Upcoming offers</h3>\n" + rows_table(top.at("offers").as_array());
  const auto& automatic = doc.at("auto_enrollment");
  body += "<h2 id=\"auto-enrollment\">Auto-enrollment</h2>\n<div class=\"cards\">" +
          card("current offers", std::to_string(number(automatic, "current")), "", false) +
          card("upcoming offers", std::to_string(number(automatic, "upcoming")), "", false) + "</div>\n";
  if (const json::value* offers = automatic.as_object().if_contains("offers"); offers && offers->is_array())
    body += rows_table(offers->get_array());
  const auto& app = doc.at("mobile_app");
  body += "<h2 id=\"app-users\">App users</h2>\n<div class=\"cards\">" +
          card("customers with the app", std::to_string(number(app, "customers")), "", false) +
          card("joined this month", std::to_string(number(app, "joined_this_month")), "", false) + "</div>\n";
  body += "<h2 id=\"credit-status\">Credit status</h2>\n";
  for (const auto& report_text : credit_reports) {
    const json::value report = json::parse(report_text);
    body += "<h3>" + text(report.at("report")) + ", " + text(report.at("from")) + " to " + text(report.at("to")) + "</h3>\n" +
            state_totals(report.at("totals"));
  }
  return page("Command Center: " + std::string(doc.at("location").as_string()), "as of " + std::string(doc.at("date").as_string()), body);
}

std::string report_page(const std::string& document) {
  const json::value doc = json::parse(document);
  const json::object& report = doc.as_object();
  std::string subtitle = "location " + std::string(report.at("location").as_string());
  if (report.contains("from")) subtitle += ", " + std::string(report.at("from").as_string()) + " to " + std::string(report.at("to").as_string());
  return page("Report: " + std::string(report.at("report").as_string()), subtitle, report_body(report));
}

void write_page(const std::string& path, const std::string& html) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << html;
  out.close();
  if (!out) throw FileError("cannot write '" + path + "'");
}

}  // namespace tally_cli
