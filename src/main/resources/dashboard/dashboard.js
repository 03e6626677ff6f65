// kubervisor dashboard: renders the state the server streams (server-sent events, one "state" event per change), and
// each breaker's KPI chart (uPlot), which it asks for on its own, every CHART_REFRESH_MS.
"use strict";

const CHART_REFRESH_MS = 15000;
const PALETTE = ["#0969da", "#8250df", "#1a7f37", "#bf8700", "#0a3069", "#6639ba", "#116329", "#953800", "#57606a",
  "#1b7c83", "#4d2d00", "#3e1f79"];
const route = parseRoute(location.pathname);
let state = null;
let chartsTimer = null;
let lastWatching = null;
const plots = [];

function parseRoute(path) {
  const m = path.match(/^\/breakerconfigs\/([^/]+)\/([^/]+)\/?$/);
  return m ? {namespace: decodeURIComponent(m[1]), name: decodeURIComponent(m[2])} : null;
}

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;",
    "'": "&#39;"})[c]);
}

function ago(time) {
  if (!time) return "-";
  const seconds = Math.round((Date.now() - Date.parse(time)) / 1000);
  const abs = Math.abs(seconds);
  const text = abs < 90 ? abs + "s" : abs < 5400 ? Math.round(abs / 60) + "m" : Math.round(abs / 3600) + "h";
  return seconds >= 0 ? text + " ago" : "in " + text;
}

function configLink(c) {
  return "/breakerconfigs/" + encodeURIComponent(c.namespace) + "/" + encodeURIComponent(c.name);
}

function conditions(c) {
  if (!c.reconciled) return "<span class=\"cond bad\">no status yet: is the operator running?</span>";
  return c.conditions.filter(k => k.type === "Ready" || (k.type === "FleetDegraded" || k.type === "Conflict"
      ? k.status === "True" : k.status !== "True"))
    .map(k => {
      const good = k.type === "Ready" ? k.status === "True" : false;
      return "<span class=\"cond " + (good ? "good" : "bad") + "\" title=\"" + esc(k.message) + "\">" + esc(k.type)
        + "=" + esc(k.status) + (good || !k.reason ? "" : " (" + esc(k.reason) + ")") + "</span>";
    }).join(" ");
}

function trouble(c) {
  return c.broken + c.paused + c.unknown > 0 || !c.reconciled
    || c.conditions.some(k => k.type === "Ready" && k.status !== "True");
}

function trafficBar(c, small) {
  const fleet = Math.max(c.desired ?? 0, c.managed, 1);
  const floor = c.floor == null ? "" : "<span class=\"floor\" style=\"left:" + (100 * c.floor / fleet) + "%\""
    + " title=\"floor " + c.floor + "\"></span>";
  return "<span class=\"bar" + (small ? " small" : "") + "\"><div class=\"fill\" style=\"width:"
    + (100 * c.inTraffic / fleet) + "%\"></div>" + floor + "</span>";
}

function count(n) {
  return n > 0 ? "<span class=\"count-bad\">" + n + "</span>" : "0";
}

function renderOverview() {
  const all = state.scope === "every namespace";
  const troubled = state.configs.filter(trouble).length;
  let html = "<h1>BreakerConfigs</h1><p class=\"summary\">" + state.configs.length + " BreakerConfig"
    + (state.configs.length === 1 ? "" : "s") + " in " + esc(state.scope) + "; "
    + (troubled === 0 ? "every pod in traffic, every BreakerConfig Ready."
      : "<span class=\"count-bad\">" + troubled + " need" + (troubled === 1 ? "s" : "") + " a look</span>.") + "</p>";
  if (state.configs.length === 0) {
    show("page", html + "<p>No BreakerConfigs in " + esc(state.scope) + ".</p>");
    return;
  }
  html += "<table class=\"configs\"><thead><tr>" + (all ? "<th>Namespace</th>" : "") + "<th>Name</th><th>Service</th>"
    + "<th>Mode</th><th>Managed</th><th>In traffic</th><th>Floor</th><th></th><th>Broken</th><th>Paused</th>"
    + "<th>Conditions</th></tr></thead><tbody>";
  for (const c of state.configs) {
    html += "<tr class=\"config" + (trouble(c) ? " trouble" : "") + "\" data-name=\"" + esc(c.name) + "\">"
      + (all ? "<td>" + esc(c.namespace) + "</td>" : "")
      + "<td><a href=\"" + configLink(c) + "\">" + esc(c.name) + "</a></td><td>" + esc(c.service)
      + (c.serviceFound ? "" : " <span class=\"error\">(not found)</span>") + "</td>"
      + "<td><span class=\"badge mode-" + c.mode + "\">" + c.mode + "</span></td>"
      + "<td class=\"num\">" + c.managed + "</td><td class=\"num in-traffic\">" + c.inTraffic + "</td>"
      + "<td class=\"num\">" + (c.floor ?? "-") + "</td><td>" + trafficBar(c, true) + "</td>"
      + "<td class=\"num broken\">" + count(c.broken) + "</td><td class=\"num paused\">" + count(c.paused) + "</td>"
      + "<td>" + conditions(c) + "</td></tr>";
  }
  show("page", html + "</tbody></table>");
}

// Replaces an element's content only when it changed: the state comes after every pass of the operator, and a page
// rebuilt each second would lose the user's hover, selection and clicks in flight.
const shown = new Map();
function show(id, html) {
  if (shown.get(id) !== html) {
    document.getElementById(id).innerHTML = html;
    shown.set(id, html);
  }
}

function field(label, value) {
  return value == null || value === "" ? "" : "<dt>" + label + "</dt><dd>" + esc(value) + "</dd>";
}

function renderPod(c, p) {
  const out = p.state !== "InTraffic";
  return "<div class=\"pod state-" + p.state + (p.managed ? "" : " unmanaged") + "\" data-pod=\"" + esc(p.name)
    + "\"><div class=\"name\">" + esc(p.name) + "</div><div class=\"state\">" + p.state
    + (p.managed ? "" : " (not ready)") + "</div><dl>"
    + (out ? field("breaker", p.breaker) + field("reason", p.reason) + field("value", p.value)
      + field("threshold", p.threshold) + field("retries", p.retries || null) + field("broken", p.brokenAt && ago(p.brokenAt))
      + field("next retry", p.nextRetry && ago(p.nextRetry)) + field("activator", p.activator) : "")
    + "</dl>" + (p.state === "Paused" ? "<button class=\"resume\" data-pod=\"" + esc(p.name) + "\">Resume</button>"
      : "") + "</div>";
}

function renderConfig() {
  const c = state.configs.find(k => k.namespace === route.namespace && k.name === route.name);
  if (!c) {
    show("page", "<h1>" + esc(route.namespace + "/" + route.name) + "</h1><p class=\"error\">No such BreakerConfig"
      + " in " + esc(state.scope) + " (deleted?). <a href=\"/\">All BreakerConfigs</a></p>");
    return null;
  }
  const spare = c.floor == null ? "" : c.inTraffic - c.floor;
  let html = "<p class=\"muted\"><a href=\"/\">BreakerConfigs</a> / " + esc(c.namespace) + "</p>"
    + "<h1>" + esc(c.name) + " <span class=\"badge mode-" + c.mode + "\" id=\"mode\">" + c.mode + "</span></h1>"
    + "<p>Supervises Service <b>" + esc(c.service) + "</b>" + (c.serviceFound ? "" : " <span class=\"error\">(not"
      + " found)</span>") + ". " + conditions(c) + "</p>"
    + "<div class=\"traffic\">" + trafficBar(c, false) + "<span id=\"traffic\"><b>" + c.inTraffic + "</b> in traffic of "
    + c.managed + " managed; floor " + (c.floor ?? "not known yet") + (spare === "" ? "" : spare > 0 ? ", " + spare
      + " to spare" : spare === 0 ? ", <span class=\"count-bad\">at the floor</span>"
      : ", <span class=\"count-bad\">" + (-spare) + " below it</span>") + "; " + count(c.broken) + " broken, "
    + count(c.paused) + " paused</span></div>"
    + "<div class=\"actions\">" + [["Enabled", "enable", "Enable"], ["DryRun", "dry-run", "Dry-run"],
      ["Disabled", "disable", "Disable"]].map(([mode, action, label]) => "<button class=\"mode" + (action === "disable"
        ? " danger" : "") + "\" data-action=\"" + action + "\" data-mode=\"" + mode + "\"" + (c.mode === mode ? " disabled"
        : "") + ">" + label + "</button>").join("") + "</div>";
  if (c.notes.length) {
    html += "<ul class=\"notes\">" + c.notes.map(n => "<li>" + esc(n) + "</li>").join("") + "</ul>";
  }
  html += "<h2>Pods</h2>" + (c.pods.length ? "<div class=\"pods\">" + c.pods.map(p => renderPod(c, p)).join("")
    + "</div>" : "<p class=\"muted\">The Service selects no pods.</p>");
  show("page", html);
  renderTimeline(c);
  return c;
}

function renderTimeline(c) {
  document.getElementById("timeline").hidden = false;
  show("timeline", "<h2>Decisions</h2>" + (c.events.length === 0
    ? "<p class=\"muted\">No Events from kubervisor about this BreakerConfig or its pods.</p>"
    : "<table class=\"events\"><thead><tr><th>When</th><th>Type</th><th>Reason</th><th>Object</th><th>Message</th>"
      + "</tr></thead><tbody>" + c.events.map(e => "<tr class=\"" + esc(e.type) + "\"><td class=\"time\" title=\""
        + esc(e.time) + "\">" + ago(e.time) + "</td><td>" + esc(e.type) + "</td><td class=\"reason\">" + esc(e.reason)
        + "</td><td>" + esc(e.object) + "</td><td>" + esc(e.message) + (e.count > 1 ? " <span class=\"muted\">(x"
        + e.count + ")</span>" : "") + "</td></tr>").join("") + "</tbody></table>"));
}

function render() {
  document.getElementById("scope").textContent = state.scope + " · " + state.server;
  if (!route) {
    renderOverview();
    return;
  }
  const c = renderConfig();
  if (c && chartsTimer === null) {
    loadCharts();
    chartsTimer = setInterval(loadCharts, CHART_REFRESH_MS);
  }
}

async function loadCharts() {
  const response = await fetch("/api/kpi?namespace=" + encodeURIComponent(route.namespace) + "&name="
    + encodeURIComponent(route.name));
  const answer = await response.json();
  const section = document.getElementById("charts");
  section.hidden = false;
  plots.splice(0).forEach(p => p.destroy());
  const config = state.configs.find(k => k.namespace === route.namespace && k.name === route.name);
  section.innerHTML = "<h2>KPI per pod, last 15 minutes</h2>" + (answer.warnings || []).map(w => "<p class=\"error\">"
    + esc(w) + "</p>").join("") + (answer.error ? "<p class=\"error\">" + esc(answer.error) + "</p>" : "");
  for (const chart of answer.charts || []) {
    const breaker = config && config.breakers.find(b => b.name === chart.breaker);
    const box = document.createElement("div");
    box.className = "chart";
    box.dataset.breaker = chart.breaker;
    box.innerHTML = "<h3>" + esc(chart.breaker) + " <span class=\"muted\">" + esc(breaker ? breaker.detector : "")
      + ": anomalous when " + esc(chart.threshold) + "</span></h3>" + (breaker && breaker.lastEvaluation
        ? "<div class=\"muted\">Last evaluation: " + esc(breaker.lastEvaluation) + "</div>" : "")
      + (chart.error ? "<p class=\"error\">" + esc(chart.error) + "</p>" : "<div class=\"plot\"></div>");
    section.appendChild(box);
    if (!chart.error) {
      plot(box, chart);
    }
  }
}

function plot(box, chart) {
  const pods = chart.pods;
  const color = i => PALETTE[i % PALETTE.length];
  const series = [{}].concat(pods.map((p, i) => ({label: p.pod, stroke: p.beyond ? "#cf222e" : color(i),
    width: p.beyond ? 3 : 1.5, points: {show: false}})));
  const data = [chart.times].concat(pods.map(p => p.values));
  const reference = chart.bound != null ? "threshold " + chart.bound : "fleet median";
  series.push({label: reference, stroke: "#24292f", width: 2, dash: [8, 5], points: {show: false}});
  data.push(chart.bound != null ? chart.times.map(() => chart.bound) : chart.median);
  const width = Math.max(400, box.clientWidth - 30);
  plots.push(new uPlot({width: width, height: 240, series: series, legend: {show: false},
    scales: {x: {time: true, range: () => [chart.from, chart.to]}}, axes: [{}, {size: 70}]}, data,
    box.querySelector(".plot")));
  const rows = pods.map((p, i) => "<tr data-pod=\"" + esc(p.pod) + "\"" + (p.beyond ? " class=\"beyond\"" : "")
    + "><td><span class=\"swatch\" style=\"background:" + (p.beyond ? "#cf222e" : color(i)) + "\"></span>"
    + esc(p.pod) + "</td><td class=\"latest\">" + (p.latest == null ? "no data" : +p.latest.toPrecision(4)) + "</td><td>"
    + (p.latest == null ? "" : p.beyond ? "anomalous" : "normal") + "</td></tr>").join("");
  const legend = document.createElement("table");
  legend.className = "legend";
  legend.innerHTML = "<thead><tr><th>Pod</th><th>Now</th><th>Judged</th></tr></thead><tbody>" + rows
    + "<tr><td><span class=\"swatch\" style=\"background:#24292f\"></span>" + esc(reference) + "</td><td></td>"
    + "<td></td></tr></tbody>";
  box.appendChild(legend);
}

function flash(kind, text) {
  const box = document.getElementById("flash");
  box.className = kind;
  box.hidden = false;
  box.innerHTML = "<span class=\"text\">" + esc(text) + "</span><button type=\"button\">Dismiss</button>";
  box.querySelector("button").onclick = () => { box.hidden = true; };
}

function confirmThen(title, text, then) {
  const dialog = document.getElementById("confirm");
  document.getElementById("confirm-title").textContent = title;
  document.getElementById("confirm-text").textContent = text;
  dialog.returnValue = "";
  dialog.onclose = () => {
    if (dialog.returnValue === "ok") then();
  };
  dialog.showModal();
}

async function act(request) {
  const response = await fetch("/api/actions", {method: "POST", body: JSON.stringify(request),
    headers: {"Content-Type": "application/json", "X-Kubervisor-Dashboard": "1"}});
  const answer = await response.json();
  if (answer.error) {
    flash("error", answer.error);
  } else {
    flash("ok", answer.message);
  }
}

document.addEventListener("click", event => {
  const button = event.target.closest("button.mode, button.resume");
  if (!button || !route) return;
  if (button.classList.contains("resume")) {
    const pod = button.dataset.pod;
    confirmThen("Resume pod " + pod + "?", "kubervisor returns it to traffic within a second or two, with its retry"
      + " count cleared.", () => act({action: "resume", namespace: route.namespace, pod: pod}));
  } else {
    const mode = button.dataset.mode;
    confirmThen("Set " + route.name + " to " + mode + "?", state.modes[mode],
      () => act({action: button.dataset.action, namespace: route.namespace, name: route.name}));
  }
});

function connect() {
  const live = document.getElementById("live");
  const stream = new EventSource("/api/stream");
  stream.addEventListener("state", event => {
    state = JSON.parse(event.data);
    if (state.watching) {
      lastWatching = new Date();
    }
    live.className = state.watching ? "live on" : "live off";
    live.textContent = state.watching ? "live" : "watch lost, retrying: the cluster as of "
      + (lastWatching ? lastWatching.toLocaleTimeString() : "start");
    render();
  });
  stream.onerror = () => {
    live.className = "live off";
    live.textContent = "disconnected: retrying";
  };
}

// Relative times ("12s ago") stay true between updates.
setInterval(() => { if (state) render(); }, 5000);
connect();
