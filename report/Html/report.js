// VrrpLab timeline report: draws each figure's lanes from its embedded JSON as SVG, with hover,
// zoom (wheel, buttons) and pan (drag) on the time axis. No network, no library.
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var STATE_COLOURS = { INIT: "var(--init)", BACKUP: "var(--backup)", MASTER: "var(--master)", FAULT: "var(--fault)", STOP: "var(--stop)" };
  var tip = document.createElement("div");
  tip.className = "tip";
  tip.setAttribute("role", "tooltip");
  document.body.appendChild(tip);

  // Time: integer microseconds in, seconds text out ("60.804787s"), like the command line.
  function fmt(us) {
    us = Math.round(us);
    var neg = us < 0;
    if (neg) { us = -us; }
    var s = Math.floor(us / 1e6), f = us % 1e6;
    var text = String(s);
    if (f) { text += "." + String(f + 1e6).slice(1).replace(/0+$/, ""); }
    return (neg ? "-" : "") + text + "s";
  }
  // A duration in short form: "805ms", "0.8s" is avoided: "1.5s", "2m 5s", "1h 2m".
  function dur(us) {
    us = Math.round(Math.abs(us));
    if (us < 1000) { return us + "us"; }
    if (us < 1e6) { return trim3(us / 1000) + "ms"; }
    if (us < 600e6) { return trim3(us / 1e6) + "s"; }
    var m = Math.floor(us / 60e6), s = Math.round((us - m * 60e6) / 1e6);
    if (m < 60) { return m + "m" + (s ? " " + s + "s" : ""); }
    return Math.floor(m / 60) + "h" + (m % 60 ? " " + (m % 60) + "m" : "");
  }
  function trim3(x) { return (Math.round(x * 1000) / 1000).toFixed(3).replace(/\.?0+$/, ""); }
  function signed(us) { return (us < 0 ? "\u2212" : "+") + dur(us); }
  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }

  // Axis ticks: a "nice" step giving about n ticks over [a, b].
  var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7,
    15e6, 3e7, 6e7, 12e7, 3e8, 6e8, 9e8, 18e8, 36e8, 72e8, 144e8, 288e8, 864e8];
  function stepFor(span, n) {
    for (var i = 0; i < STEPS.length; i++) { if (span / STEPS[i] <= n) { return STEPS[i]; } }
    return STEPS[STEPS.length - 1];
  }
  function axisLabel(t, step) {
    if (step >= 60e6 && t % 60e6 === 0) {
      var m = t / 60e6;
      return m >= 60 ? Math.floor(m / 60) + "h" + (m % 60 ? m % 60 + "m" : "") : m + "m";
    }
    return fmt(t);
  }

  function Figure(el) {
    this.el = el;
    this.data = JSON.parse(el.querySelector("script.fig-data").textContent);
    var d = this.data;
    this.compact = !!d.compact;
    this.end = Math.max(1, d.end);
    this.v0 = 0;
    this.v1 = this.end;
    this.focus = null;
    this.plot = el.querySelector(".plot");
    this.rangeText = el.querySelector(".range");
    this.layout();
    this.svg = document.createElementNS(SVGNS, "svg");
    this.svg.setAttribute("class", "timeline");
    this.plot.innerHTML = "";
    this.plot.appendChild(this.svg);
    this.bind();
    this.render();
  }

  Figure.prototype.layout = function () {
    var d = this.data, c = this.compact, multi = d.runs.length > 1;
    this.labelW = c ? 150 : 210;
    this.axisH = c ? 20 : 24;
    this.markH = d.markers.length ? (c ? 16 : 30) : 4;
    var y = this.axisH + this.markH, prevGroup = null;
    this.rows = [];
    for (var i = 0; i < d.lanes.length; i++) {
      var l = d.lanes[i], h;
      if (l.k === "s") { h = c ? 15 : (multi ? 30 : 28); }
      else { h = c ? 13 : (multi ? 24 : 20); }
      var group = l.k === "s" ? "n:" + l.n : l.k;
      if (prevGroup !== null && group !== prevGroup) { y += c ? 4 : 8; }
      prevGroup = group;
      this.rows.push({ lane: l, index: i, y: y, h: h });
      y += h;
    }
    this.checkY = y + (c ? 4 : 8);
    this.hasFocus = d.checks.some(function (k) { return k.t !== undefined; });
  };

  // Expectation badges, per run: instants on the run's first row, side by side where they would
  // overlap (hover tells each one's exact time); intervals on further rows, as few as keep them apart.
  Figure.prototype.placeChecks = function () {
    var d = this.data, c = this.compact, r = c ? 6 : 8.5, self = this, base = 0, i, k;
    this.checkRowH = c ? 14 : 20;
    this.checkRow = [];
    this.checkX = [];
    this.checkRuns = [];
    for (i = 0; i < d.checks.length; i++) { this.checkRow.push(-1); this.checkX.push(0); }
    for (var run = 0; run < d.runs.length; run++) {
      var instants = [], spans = [];
      for (i = 0; i < d.checks.length; i++) {
        k = d.checks[i];
        if (k.r !== run || k.t === undefined) { continue; }
        (k.t2 > k.t ? spans : instants).push(i);
      }
      if (!instants.length && !spans.length) { continue; }
      instants.sort(function (a, b) { return d.checks[a].t - d.checks[b].t || a - b; });
      var lastX = -1e9;
      for (var n = 0; n < instants.length; n++) {
        i = instants[n];
        var x = this.x(d.checks[i].t);
        if (x >= this.labelW - r && x <= this.labelW + this.plotW + r) { x = Math.max(x, lastX + 2 * r + 1); lastX = x; }
        this.checkRow[i] = base;
        this.checkX[i] = x;
      }
      var first = instants.length ? base + 1 : base, ends = [], used = instants.length ? 1 : 0;
      for (n = 0; n < spans.length; n++) {
        i = spans[n];
        var a = this.x(d.checks[i].t) - r - 2, b = Math.max(this.x(d.checks[i].t2), this.x(d.checks[i].t) + r) + 2, row = 0;
        while (ends[row] !== undefined && a < ends[row]) { row++; }
        ends[row] = b;
        this.checkRow[i] = first + row;
        this.checkX[i] = this.x(d.checks[i].t);
        used = Math.max(used, first - base + row + 1);
      }
      this.checkRuns.push({ run: run, row: base });
      base += used;
    }
    this.checkH = this.hasFocus ? Math.max(1, base) * this.checkRowH : 0;
    this.height = this.checkY + this.checkH + 6;
  };

  Figure.prototype.width = function () { return Math.max(480, this.plot.clientWidth || 1000); };
  Figure.prototype.x = function (t) { return this.labelW + (t - this.v0) / (this.v1 - this.v0) * this.plotW; };
  Figure.prototype.t = function (x) { return this.v0 + (x - this.labelW) / this.plotW * (this.v1 - this.v0); };

  Figure.prototype.setRange = function (a, b) {
    var minSpan = 10, pad = this.end * 0.02;
    if (b - a < minSpan) { var m = (a + b) / 2; a = m - minSpan / 2; b = m + minSpan / 2; }
    var span = b - a, lo = -pad, hi = this.end + pad;
    if (span > hi - lo) { a = 0; b = this.end; }
    else {
      if (a < lo) { b += lo - a; a = lo; }
      if (b > hi) { a -= b - hi; b = hi; }
    }
    if (Math.abs(a) < 0.5 && Math.abs(b - this.end) < 0.5) { a = 0; b = this.end; }
    this.v0 = a;
    this.v1 = b;
    this.render();
  };
  Figure.prototype.zoom = function (factor, atT) {
    if (atT === undefined) { atT = (this.v0 + this.v1) / 2; }
    this.setRange(atT - (atT - this.v0) * factor, atT + (this.v1 - atT) * factor);
  };
  Figure.prototype.pan = function (fraction) {
    var d = (this.v1 - this.v0) * fraction;
    this.setRange(this.v0 + d, this.v1 + d);
  };

  Figure.prototype.render = function () {
    var d = this.data, c = this.compact, self = this;
    var W = this.width();
    this.lastW = W;
    this.plotW = W - this.labelW - 14;
    this.placeChecks();
    var out = [];
    var x0 = this.labelW, x1 = this.labelW + this.plotW, v0 = this.v0, v1 = this.v1;
    var clipId = this.el.id + "-clip";
    out.push('<defs><clipPath id="' + clipId + '"><rect x="' + x0 + '" y="0" width="' + this.plotW + '" height="' + this.height + '"/></clipPath>' +
      '<pattern id="' + this.el.id + '-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<rect width="6" height="6" fill="var(--outage)"/><rect width="2.5" height="6" fill="#fff" fill-opacity="0.35"/></pattern>' +
      '<pattern id="' + this.el.id + '-pause" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">' +
      '<rect width="1.6" height="5" fill="#1d2430" fill-opacity="0.45"/></pattern></defs>');

    // Lane backgrounds and labels.
    for (var i = 0; i < this.rows.length; i++) {
      var r = this.rows[i], l = r.lane;
      var shade = l.k === "s" ? (l.r % 2 ? "#f3f6fa" : "#fafbfd") : (l.k === "v" ? "#f7f5fb" : "#f4faf6");
      out.push('<rect class="lane-bg" x="0" y="' + r.y + '" width="' + W + '" height="' + r.h + '" fill="' + shade + '"/>');
      out.push(this.label(r));
    }

    // Axis and grid.
    var span = v1 - v0, step = stepFor(span, c ? 6 : Math.max(4, Math.round(this.plotW / 110)));
    var first = Math.ceil(v0 / step) * step, grid = [], labels = [];
    for (var t = first; t <= v1 + 1e-6; t += step) {
      var gx = this.x(t);
      grid.push('<line class="grid" x1="' + gx.toFixed(1) + '" x2="' + gx.toFixed(1) + '" y1="' + (this.axisH - 4) + '" y2="' + (this.checkY + this.checkH) + '" stroke="#e3e7ed"/>');
      var anchor = gx < x0 + 18 ? "start" : gx > x1 - 18 ? "end" : "middle";
      labels.push('<text class="tick" data-t="' + Math.round(t) + '" x="' + gx.toFixed(1) + '" y="' + (this.axisH - 8) + '" text-anchor="' + anchor + '" font-size="' + (c ? 10 : 11) + '" fill="#5f6b7a">' + esc(axisLabel(Math.round(t), step)) + '</text>');
    }
    out.push('<g class="axis" clip-path="url(#' + clipId + ')">' + grid.join("") + labels.join("") + '</g>');
    out.push('<line x1="' + x0 + '" x2="' + x1 + '" y1="' + (this.axisH - 4) + '" y2="' + (this.axisH - 4) + '" stroke="#aab3bf"/>');

    // Lane content.
    out.push('<g class="lanes" clip-path="url(#' + clipId + ')">');
    for (i = 0; i < this.rows.length; i++) { out.push(this.lane(this.rows[i])); }
    out.push('</g>');

    // Timeline actions: a dashed line across every lane and a label on top (two rows when crowded).
    if (d.markers.length) {
      out.push('<g class="markers" clip-path="url(#' + clipId + ')">');
      var lastEnd = [-1e9, -1e9];
      for (i = 0; i < d.markers.length; i++) {
        var mk = d.markers[i], mx = this.x(mk[0]);
        if (mx < x0 - 200 || mx > x1 + 200) { continue; }
        var approx = mk[1].length * (c ? 5.6 : 6.4) + 8, row = 0;
        if (!c && mx < lastEnd[0] + 4) { row = mx < lastEnd[1] + 4 ? 0 : 1; }
        lastEnd[row] = mx + approx;
        var ly = this.axisH + (c ? 11 : 12 + row * 14);
        out.push('<g class="marker" data-k="m" data-i="' + i + '"><line x1="' + mx.toFixed(1) + '" x2="' + mx.toFixed(1) + '" y1="' + (ly - 10) + '" y2="' + (this.checkY + this.checkH) + '" stroke="#3b4656" stroke-width="1.2" stroke-dasharray="4 3" pointer-events="none"/>' +
          '<rect x="' + mx.toFixed(1) + '" y="' + (ly - 10) + '" width="' + approx.toFixed(0) + '" height="13" fill="#fff" fill-opacity="0.85"/>' +
          '<text x="' + (mx + 3).toFixed(1) + '" y="' + ly + '" font-size="' + (c ? 10 : 11.5) + '" font-weight="600" fill="#1d2430">' + esc(mk[1]) + '</text></g>');
      }
      out.push('</g>');
    }

    // Expectations with an instant or interval: numbered badges on their own row.
    if (this.checkH) {
      for (i = 0; i < this.checkRuns.length; i++) {
        var cr = this.checkRuns[i], ry = this.checkY + cr.row * this.checkRowH + this.checkRowH / 2 + 4;
        out.push('<text x="8" y="' + ry + '" font-size="' + (c ? 10 : 11.5) + '" fill="#5f6b7a">expectations' +
          (d.runs.length > 1 ? ' <tspan font-style="italic" font-size="' + (c ? 9 : 10) + '">' + esc(d.runs[cr.run]) + '</tspan>' : '') + '</text>');
      }
      out.push('<g class="check-marks" clip-path="url(#' + clipId + ')">');
      for (i = 0; i < d.checks.length; i++) {
        var k = d.checks[i];
        if (k.t === undefined) { continue; }
        var rr = c ? 6 : 8.5, colour = k.ok ? "var(--pass)" : "var(--fail)", cy = this.checkY + this.checkRow[i] * this.checkRowH + this.checkRowH / 2, cx = this.checkX[i];
        var g = '<g class="check-mark ' + (k.ok ? "pass" : "fail") + '" data-k="k" data-i="' + i + '">';
        if (k.t2 !== undefined && k.t2 > k.t) {
          var ix1 = this.x(k.t2);
          g += '<rect x="' + cx.toFixed(1) + '" y="' + (cy - 3) + '" width="' + Math.max(1, ix1 - cx).toFixed(1) + '" height="6" rx="3" fill="' + colour + '" fill-opacity="0.45"/>';
        }
        if (cx > x1 - rr && cx <= x1 + 1) { cx = x1 - rr; }
        if (cx < x0 + rr && cx >= x0 - 1) { cx = x0 + rr; }
        g += '<circle cx="' + cx.toFixed(1) + '" cy="' + cy + '" r="' + rr + '" fill="' + colour + '" stroke="#fff" stroke-width="1.5"/>' +
          '<text x="' + cx.toFixed(1) + '" y="' + (cy + (c ? 3 : 4)) + '" text-anchor="middle" font-size="' + (c ? 8 : 10.5) + '" font-weight="700" fill="#fff">' + (i + 1) + '</text></g>';
        out.push(g);
      }
      out.push('</g>');
    }

    // The highlighted evidence of a hovered or clicked expectation.
    if (this.focus) {
      var f = this.focus, fx0 = this.x(f.t), fx1 = f.t2 !== undefined ? this.x(f.t2) : fx0;
      out.push('<g class="focus" clip-path="url(#' + clipId + ')" data-t="' + f.t + '">');
      if (fx1 - fx0 >= 1) {
        out.push('<rect x="' + fx0.toFixed(1) + '" y="' + (this.axisH - 4) + '" width="' + (fx1 - fx0).toFixed(1) + '" height="' + (this.checkY + this.checkH - this.axisH + 4) + '" fill="var(--focus)"/>');
      }
      out.push('<line x1="' + fx0.toFixed(1) + '" x2="' + fx0.toFixed(1) + '" y1="' + (this.axisH - 4) + '" y2="' + (this.checkY + this.checkH) + '" stroke="var(--focus-line)" stroke-width="2"/>');
      if (fx1 - fx0 >= 1) {
        out.push('<line x1="' + fx1.toFixed(1) + '" x2="' + fx1.toFixed(1) + '" y1="' + (this.axisH - 4) + '" y2="' + (this.checkY + this.checkH) + '" stroke="var(--focus-line)" stroke-width="2"/>');
      }
      out.push('</g>');
    }

    out.push('<line x1="' + x0 + '" x2="' + x0 + '" y1="' + (this.axisH - 4) + '" y2="' + (this.checkY + this.checkH) + '" stroke="#aab3bf"/>');
    this.svg.setAttribute("width", W);
    this.svg.setAttribute("height", this.height);
    this.svg.setAttribute("viewBox", "0 0 " + W + " " + this.height);
    this.svg.innerHTML = out.join("");
    if (this.rangeText) {
      this.rangeText.textContent = fmt(Math.max(0, v0)) + " \u2013 " + fmt(Math.min(this.end, v1)) + "  (" + dur(v1 - v0) + ")";
      this.rangeText.setAttribute("data-v0", Math.round(v0));
      this.rangeText.setAttribute("data-v1", Math.round(v1));
    }
  };

  Figure.prototype.label = function (r) {
    var l = r.lane, c = this.compact, multi = this.data.runs.length > 1;
    var main, sub = multi ? this.data.runs[l.r] : null, fs = c ? 10.5 : 12.5;
    if (l.k === "s") { main = '<tspan font-weight="700">' + esc(l.n) + '</tspan> \u00b7 ' + esc(l.i) + (l.v !== undefined && !c ? '<tspan fill="#5f6b7a" font-size="' + (fs - 2) + '"> vrid ' + l.v + '</tspan>' : ""); }
    else if (l.k === "v") { main = '<tspan fill="#5f6b7a">VIP</tspan> ' + esc(l.ip); }
    else { main = '<tspan fill="#5f6b7a">client</tspan> ' + esc(l.c.replace(/^client@/, "@")) + ' \u2192 ' + esc(l.ip); }
    var cy = r.y + r.h / 2 + 4;
    if (sub !== null && !c) {
      return '<text class="lane-label" x="8" y="' + (r.y + r.h / 2 - 1) + '" font-size="' + fs + '" fill="#1d2430">' + main + '</text>' +
        '<text class="run-label" x="8" y="' + (r.y + r.h / 2 + 10) + '" font-size="10" fill="#5f6b7a" font-style="italic">' + esc(sub) + '</text>';
    }
    return '<text class="lane-label" x="8" y="' + cy + '" font-size="' + fs + '" fill="#1d2430">' + main + (sub !== null ? ' <tspan fill="#5f6b7a" font-style="italic" font-size="' + (fs - 2) + '">' + esc(sub) + '</tspan>' : "") + '</text>';
  };

  // One lane's visible content.
  Figure.prototype.lane = function (r) {
    var l = r.lane, c = this.compact, out = [], v0 = this.v0, v1 = this.v1, self = this;
    var runName = this.data.runs[l.r];
    var attrs = l.k === "s" ? ' data-kind="state" data-node="' + esc(l.n) + '" data-instance="' + esc(l.i) + '"'
      : l.k === "v" ? ' data-kind="vip" data-address="' + esc(l.ip) + '"'
        : ' data-kind="client" data-client="' + esc(l.c) + '" data-address="' + esc(l.ip) + '"';
    out.push('<g class="lane"' + attrs + ' data-run="' + esc(runName) + '" data-lane="' + r.index + '">');
    function visible(a, b) { return b >= v0 && a <= v1; }
    function clampX(t) { return Math.max(self.labelW - 2, Math.min(self.labelW + self.plotW + 2, self.x(t))); }
    var barY, barH, i, b;
    if (l.k === "s") {
      var diffAt = {};
      for (i = 0; l.df && i < l.df.length; i++) { diffAt[l.df[i][0]] = ("\u0394 " + signed(l.df[i][0] - l.df[i][1])).length * 6.3 + 12; }
      barH = c ? 9 : 14;
      barY = r.y + (c ? 3 : (this.data.runs.length > 1 ? 9 : 8));
      for (i = 0; i < l.b.length; i++) {
        b = l.b[i];
        if (!visible(b[0], b[1])) { continue; }
        var bx0 = clampX(b[0]), bx1 = clampX(b[1]), w = Math.max(0.8, bx1 - bx0);
        out.push('<rect class="bar st-' + esc(b[2]) + '" data-k="b" data-i="' + i + '" data-state="' + esc(b[2]) + '" data-t0="' + b[0] + '" data-t1="' + b[1] + '" x="' + bx0.toFixed(2) + '" y="' + barY + '" width="' + w.toFixed(2) + '" height="' + barH + '" fill="' + (STATE_COLOURS[b[2]] || "#999") + '"/>');
        var bt = b[2], since = b[0] > 0 ? "  " + fmt(b[0]) : "";
        var room = w - (diffAt[b[0]] || 0);
        if (!c && room > (bt.length + since.length) * 7 + 10) { bt += since; }
        if (!c && room > bt.length * 7 + 8) {
          var tx = Math.max(bx0 + (diffAt[b[0]] || 0), self.labelW) + 5;
          out.push('<text class="bar-text" x="' + tx.toFixed(1) + '" y="' + (barY + barH - 3.5) + '" font-size="10.5" font-weight="700" fill="' + (b[2] === "INIT" ? "#4a5563" : "#fff") + '" pointer-events="none" xml:space="preserve">' + esc(bt) + '</text>');
        }
      }
      // Pauses, host power-offs, carrier losses: hatched over the bar.
      for (i = 0; i < (l.o || []).length; i++) {
        b = l.o[i];
        if (!visible(b[0], b[1])) { continue; }
        var ox0 = clampX(b[0]), ox1 = clampX(b[1]);
        out.push('<rect class="overlay" data-k="o" data-i="' + i + '" x="' + ox0.toFixed(2) + '" y="' + (barY - 2) + '" width="' + Math.max(1, ox1 - ox0).toFixed(2) + '" height="' + (barH + 4) + '" fill="url(#' + this.el.id + '-pause)" stroke="#1d2430" stroke-opacity="0.5" stroke-dasharray="2 2"/>');
      }
      if (!c) { out.push(this.adverts(l, r, barY)); }
      out.push(this.drops(l, barY + barH));
      if (l.df) {
        for (i = 0; i < l.df.length; i++) {
          var df = l.df[i], dx = this.x(df[0]);
          if (dx < this.labelW - 100 || dx > this.labelW + this.plotW + 100) { continue; }
          var refx = this.x(df[1]);
          var text = "\u0394 " + signed(df[0] - df[1]);
          out.push('<g class="diff" data-k="d" data-i="' + i + '">' +
            '<line x1="' + refx.toFixed(1) + '" x2="' + dx.toFixed(1) + '" y1="' + (barY + barH + 2) + '" y2="' + (barY + barH + 2) + '" stroke="#7a3db8" stroke-width="2"/>' +
            '<line x1="' + refx.toFixed(1) + '" x2="' + refx.toFixed(1) + '" y1="' + (barY - 6) + '" y2="' + (barY + barH + 4) + '" stroke="#7a3db8" stroke-dasharray="2 2"/>' +
            '<rect x="' + (dx + 3).toFixed(1) + '" y="' + (barY - 1) + '" width="' + (text.length * 6.3 + 6).toFixed(0) + '" height="' + (barH + 2) + '" rx="3" fill="#7a3db8"/>' +
            '<text class="diff-text" x="' + (dx + 6).toFixed(1) + '" y="' + (barY + barH - 3) + '" font-size="10.5" font-weight="700" fill="#fff">' + esc(text) + '</text></g>');
        }
      }
    } else if (l.k === "v") {
      barH = c ? 8 : 12;
      barY = r.y + (r.h - barH) / 2 + (this.data.runs.length > 1 && !c ? -3 : 0);
      out.push('<line x1="' + this.labelW + '" x2="' + (this.labelW + this.plotW) + '" y1="' + (barY + barH / 2) + '" y2="' + (barY + barH / 2) + '" stroke="#c9ced6" stroke-dasharray="3 3"/>');
      for (i = 0; i < l.b.length; i++) {
        b = l.b[i];
        if (!visible(b[0], b[1])) { continue; }
        var many = b[2].indexOf("+") >= 0;
        var hx0 = clampX(b[0]), hx1 = clampX(b[1]), hw = Math.max(0.8, hx1 - hx0);
        out.push('<rect class="holder' + (many ? " two" : "") + '" data-k="h" data-i="' + i + '" data-holders="' + esc(b[2]) + '" data-t0="' + b[0] + '" data-t1="' + b[1] + '" x="' + hx0.toFixed(2) + '" y="' + barY + '" width="' + hw.toFixed(2) + '" height="' + barH + '" rx="2" fill="' + (many ? "var(--two)" : "var(--held)") + '"/>');
        var label = many ? b[2].replace(/\+/g, " + ") + " (two holders)" : b[2];
        if (!c && hw > label.length * 6.2 + 8) {
          out.push('<text x="' + (Math.max(hx0, self.labelW) + 5).toFixed(1) + '" y="' + (barY + barH - 2.5) + '" font-size="10" font-weight="600" fill="#fff" pointer-events="none">' + esc(label) + '</text>');
        }
      }
    } else {
      barH = c ? 8 : 12;
      barY = r.y + (r.h - barH) / 2 + (this.data.runs.length > 1 && !c ? -3 : 0);
      for (i = 0; i < l.b.length; i++) {
        b = l.b[i];
        if (!visible(b[0], b[1])) { continue; }
        var rx0 = clampX(b[0]), rx1 = clampX(b[1]), rw = Math.max(0.8, rx1 - rx0);
        out.push('<rect class="reach" data-k="r" data-i="' + i + '" x="' + rx0.toFixed(2) + '" y="' + (barY + 2) + '" width="' + rw.toFixed(2) + '" height="' + (barH - 4) + '" fill="var(--reach)"/>');
        if (!c && rw > b[2].length * 6 + 20) {
          out.push('<text x="' + ((Math.max(rx0, self.labelW) + Math.min(rx1, self.labelW + self.plotW)) / 2).toFixed(1) + '" text-anchor="middle" y="' + (barY + barH - 3) + '" font-size="9.5" fill="#2d6a3e" pointer-events="none">\u2192 ' + esc(b[2]) + '</text>');
        }
      }
      for (i = 0; i < l.o.length; i++) {
        b = l.o[i];
        if (!visible(b[0], b[1])) { continue; }
        var qx0 = clampX(b[0]), qx1 = clampX(b[1]), qw = Math.max(2, qx1 - qx0);
        out.push('<rect class="outage" data-k="u" data-i="' + i + '" data-t0="' + b[0] + '" data-t1="' + b[1] + '" x="' + qx0.toFixed(2) + '" y="' + barY + '" width="' + qw.toFixed(2) + '" height="' + barH + '" fill="url(#' + this.el.id + '-hatch)" stroke="var(--outage)"/>');
        if (!c) {
          var ol = "outage " + dur(b[1] - b[0]);
          out.push('<rect x="' + (qx1 + 2).toFixed(1) + '" y="' + (barY - 1) + '" width="' + (ol.length * 6.2 + 6).toFixed(0) + '" height="' + (barH + 2) + '" rx="3" fill="#fff" stroke="var(--outage)" stroke-width="0.8" pointer-events="none"/>' +
            '<text class="outage-text" x="' + (qx1 + 5).toFixed(1) + '" y="' + (barY + barH - 2) + '" font-size="10" font-weight="700" fill="var(--outage)" pointer-events="none">' + esc(ol) + '</text>');
        }
      }
    }
    out.push('</g>');
    return out.join("");
  };

  // Advertisements as ticks above the state bar; runs too dense for the zoom become a band.
  Figure.prototype.adverts = function (l, r, barY) {
    if (!l.a || !l.a.length) { return ""; }
    var out = [], v0 = this.v0, v1 = this.v1, pxPerUs = this.plotW / (v1 - v0), top = barY - 6, i, a;
    for (i = 0; i < l.a.length; i++) {
      a = l.a[i];
      if (a[1] < v0 || a[0] > v1) { continue; }
      var zero = a[3] === 0, colour = zero ? "var(--fail)" : "#3b4656";
      var n = a[2], exact = a[4] === 1, gap = n > 1 ? (a[1] - a[0]) / (n - 1) : 0;
      if (n === 1) {
        out.push(this.tick(a[0], top, zero, colour, i, -1));
      } else if (exact && gap * pxPerUs >= 3) {
        var k0 = Math.max(0, Math.floor((v0 - a[0]) / gap)), k1 = Math.min(n - 1, Math.ceil((v1 - a[0]) / gap));
        for (var k = k0; k <= k1; k++) { out.push(this.tick(a[0] + k * gap, top, zero, colour, i, k)); }
      } else {
        var bx0 = Math.max(this.labelW - 2, this.x(a[0])), bx1 = Math.min(this.labelW + this.plotW + 2, this.x(a[1]));
        out.push('<rect class="adv-band" data-k="a" data-i="' + i + '" data-j="-1" x="' + bx0.toFixed(2) + '" y="' + top + '" width="' + Math.max(1, bx1 - bx0).toFixed(2) + '" height="4" fill="' + colour + '" fill-opacity="' + (exact ? 0.55 : 0.35) + '"/>');
      }
    }
    return out.join("");
  };
  Figure.prototype.tick = function (t, top, zero, colour, i, k) {
    var x = this.x(t).toFixed(2);
    if (zero) {
      return '<g class="adv adv0" data-k="a" data-i="' + i + '" data-j="' + k + '" data-t="' + Math.round(t) + '"><line x1="' + x + '" x2="' + x + '" y1="' + (top - 3) + '" y2="' + (top + 20) + '" stroke="' + colour + '" stroke-width="2"/>' +
        '<circle cx="' + x + '" cy="' + (top - 3) + '" r="4.2" fill="' + colour + '"/><text x="' + x + '" y="' + (top - 0.6) + '" text-anchor="middle" font-size="6.5" font-weight="700" fill="#fff">0</text></g>';
    }
    return '<line class="adv" data-k="a" data-i="' + i + '" data-j="' + k + '" data-t="' + Math.round(t) + '" x1="' + x + '" x2="' + x + '" y1="' + top + '" y2="' + (top + 5) + '" stroke="' + colour + '" stroke-width="1.4"/>';
  };
  Figure.prototype.drops = function (l, y) {
    if (!l.d || !l.d.length) { return ""; }
    var out = [], s = this.compact ? 2 : 2.6;
    for (var i = 0; i < l.d.length; i++) {
      var d = l.d[i];
      if (d[1] < this.v0 || d[0] > this.v1) { continue; }
      var x = this.x(d[0]), yy = y + (this.compact ? 2 : 3.5);
      if (d[2] > 1 && this.x(d[1]) - x > 2) {
        out.push('<rect class="drop-band" data-k="x" data-i="' + i + '" x="' + x.toFixed(2) + '" y="' + (yy - 1.5) + '" width="' + (this.x(d[1]) - x).toFixed(2) + '" height="3" fill="var(--fault)"/>');
      } else {
        out.push('<path class="drop" data-k="x" data-i="' + i + '" d="M' + (x - s).toFixed(1) + ' ' + (yy - s).toFixed(1) + 'L' + (x + s).toFixed(1) + ' ' + (yy + s).toFixed(1) + 'M' + (x + s).toFixed(1) + ' ' + (yy - s).toFixed(1) + 'L' + (x - s).toFixed(1) + ' ' + (yy + s).toFixed(1) + '" stroke="#b35c00" stroke-width="1.5"/>');
      }
    }
    return out.join("");
  };

  // What the hovered thing is, in words.
  Figure.prototype.describe = function (el) {
    var d = this.data, kind = el.getAttribute("data-k"), i = +el.getAttribute("data-i");
    var laneEl = el.closest(".lane"), l = laneEl ? d.lanes[+laneEl.getAttribute("data-lane")] : null;
    var run = l && d.runs.length > 1 ? " (" + d.runs[l.r] + ")" : "";
    var who = l && l.k === "s" ? l.n + " \u00b7 " + l.i + run : "";
    var b;
    switch (kind) {
      case "b":
        b = l.b[i];
        return "<b>" + esc(who) + "</b>\n" + esc(b[2]) + " from " + fmt(b[0]) + " to " + fmt(b[1]) + " (" + dur(b[1] - b[0]) + ")" + (b[3] ? "\nentered: " + esc(b[3]) : "");
      case "o":
        b = l.o[i];
        return "<b>" + esc(l.n + run) + "</b>\n" + esc(b[2]) + " from " + fmt(b[0]) + " to " + fmt(b[1]) + " (" + dur(b[1] - b[0]) + ")";
      case "a": {
        var a = l.a[i], j = +el.getAttribute("data-j"), pr = a[3] === 0 ? "priority 0 (resigning)" : "priority " + a[3];
        var vr = l.v !== undefined ? ", vrid " + l.v : "";
        if (j >= 0 || a[2] === 1) {
          var t = j >= 0 ? a[0] + j * (a[1] - a[0]) / (a[2] - 1) : a[0];
          return "<b>advert_tx</b> " + esc(who) + "\nat " + fmt(t) + ", " + pr + vr;
        }
        return "<b>" + a[2] + " adverts</b> " + esc(who) + "\n" + pr + vr + ", from " + fmt(a[0]) + " to " + fmt(a[1]) +
          (a[4] === 1 ? ", every " + dur((a[1] - a[0]) / (a[2] - 1)) : " (decimated: zoom in for each)");
      }
      case "x": {
        var x = l.d[i];
        return "<b>" + (x[3].indexOf("lost") === 0 ? "packet_lost" : "advert_drop") + "</b> " + esc(who) + "\n" + (x[2] > 1 ? x[2] + " adverts from " + fmt(x[0]) + " to " + fmt(x[1]) : "at " + fmt(x[0])) +
          ": " + esc(x[3]) + (x[4] ? " (from " + esc(x[4]) + ")" : "");
      }
      case "h":
        b = l.b[i];
        return "<b>VIP " + esc(l.ip) + run + "</b>\nheld by " + esc(b[2].replace(/\+/g, " and ")) + (b[2].indexOf("+") >= 0 ? " \u2014 two holders" : "") + "\nfrom " + fmt(b[0]) + " to " + fmt(b[1]) + " (" + dur(b[1] - b[0]) + ")";
      case "r":
        b = l.b[i];
        return "<b>" + esc(l.c) + run + "</b>\nreaches " + esc(l.ip) + " at " + esc(b[2]) + "\nfrom " + fmt(b[0]) + " to " + fmt(b[1]) + " (" + dur(b[1] - b[0]) + ")";
      case "u":
        b = l.o[i];
        return "<b>outage " + dur(b[1] - b[0]) + "</b> " + esc(l.c) + run + "\ncannot reach " + esc(l.ip) + " from " + fmt(b[0]) + " to " + fmt(b[1]) + (b[2] ? "\n(its ARP entry points at " + esc(b[2]) + ")" : "");
      case "d": {
        var df = l.df[i];
        return "<b>takeover difference</b> " + esc(who) + "\nMASTER #" + df[2] + " at " + fmt(df[0]) + "; " + esc(d.runs[0]) + ": " + fmt(df[1]) + " (\u0394 " + signed(df[0] - df[1]) + ")";
      }
      case "m":
        return "<b>" + fmt(d.markers[i][0]) + "</b> action: " + esc(d.markers[i][1]);
      case "k": {
        var k = d.checks[i];
        return "<b>" + (k.ok ? "PASS" : "FAIL") + " #" + (i + 1) + "</b> " + esc(k.name) + (d.runs.length > 1 ? " (" + esc(d.runs[k.r]) + ")" : "") + "\n" + esc(k.ev);
      }
    }
    return "";
  };

  Figure.prototype.highlight = function (i, zoom) {
    var k = this.data.checks[i];
    var items = this.el.querySelectorAll("ol.checks li");
    for (var j = 0; j < items.length; j++) { items[j].classList.toggle("hot", j === i && zoom !== null); }
    this.focus = k && k.t !== undefined && zoom !== null ? { t: k.t, t2: k.t2 } : null;
    if (this.focus && zoom) {
      var a = k.t, b = k.t2 !== undefined ? k.t2 : k.t, w = Math.max(b - a, (this.v1 - this.v0) * 0.02, 2000);
      var pad = Math.max(w * 0.6, 500000 > this.end / 4 ? this.end / 40 : 500000);
      this.setRange(a - pad, b + pad);
    } else {
      this.render();
    }
  };

  Figure.prototype.bind = function () {
    var self = this, plot = this.plot, drag = null;
    plot.addEventListener("wheel", function (e) {
      var rect = self.svg.getBoundingClientRect(), x = e.clientX - rect.left;
      if (x < self.labelW) { return; }
      e.preventDefault();
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        self.pan((e.deltaX || e.deltaY) / 1000);
      } else {
        self.zoom(Math.exp(e.deltaY * 0.0015), self.t(x));
      }
    }, { passive: false });
    plot.addEventListener("mousedown", function (e) {
      var rect = self.svg.getBoundingClientRect();
      if (e.button !== 0 || e.clientX - rect.left < self.labelW) { return; }
      drag = { x: e.clientX, v0: self.v0, v1: self.v1 };
      plot.classList.add("dragging");
      e.preventDefault();
    });
    window.addEventListener("mousemove", function (e) {
      if (!drag) { return; }
      var dt = (e.clientX - drag.x) / self.plotW * (drag.v1 - drag.v0);
      self.setRange(drag.v0 - dt, drag.v1 - dt);
    });
    window.addEventListener("mouseup", function () { drag = null; plot.classList.remove("dragging"); });
    plot.addEventListener("dblclick", function () { self.setRange(0, self.end); });
    plot.addEventListener("mousemove", function (e) {
      if (drag) { tip.style.display = "none"; return; }
      var target = e.target.closest ? e.target.closest("[data-k]") : null;
      var html = target ? self.describe(target) : "";
      if (!html) { tip.style.display = "none"; return; }
      tip.innerHTML = html;
      tip.style.display = "block";
      var w = tip.offsetWidth, h = tip.offsetHeight;
      var left = e.clientX + 14, top = e.clientY + 16;
      if (left + w > window.innerWidth - 4) { left = e.clientX - w - 14; }
      if (top + h > window.innerHeight - 4) { top = e.clientY - h - 12; }
      tip.style.left = Math.max(4, left) + "px";
      tip.style.top = Math.max(4, top) + "px";
    });
    plot.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    plot.addEventListener("click", function (e) {
      var target = e.target.closest ? e.target.closest('[data-k="k"]') : null;
      if (target) { self.highlight(+target.getAttribute("data-i"), true); }
    });
    var buttons = this.el.querySelectorAll(".toolbar button");
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].addEventListener("click", function () {
        var a = this.getAttribute("data-act");
        if (a === "in") { self.zoom(0.5); }
        else if (a === "out") { self.zoom(2); }
        else if (a === "left") { self.pan(-0.25); }
        else if (a === "right") { self.pan(0.25); }
        else { self.focus = null; self.setRange(0, self.end); }
      });
    }
    var items = this.el.querySelectorAll("ol.checks li");
    for (var c = 0; c < items.length; c++) {
      (function (i, li) {
        li.addEventListener("mouseenter", function () { self.highlight(i, false); });
        li.addEventListener("mouseleave", function () { if (!li.classList.contains("pinned")) { self.highlight(i, null); } });
        li.addEventListener("click", function () {
          for (var j = 0; j < items.length; j++) { items[j].classList.remove("pinned"); }
          li.classList.add("pinned");
          self.highlight(i, true);
        });
      })(+items[c].getAttribute("data-check"), items[c]);
    }
    // Redraw when the plot's width changes (window resized, a scrollbar appeared).
    var pending = false;
    function refit() {
      if (pending || self.width() === self.lastW) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; self.render(); });
    }
    window.addEventListener("resize", refit);
    if (window.ResizeObserver) { new window.ResizeObserver(refit).observe(plot); }
  };

  var figures = [];
  var els = document.querySelectorAll(".figure[data-fig]");
  for (var i = 0; i < els.length; i++) { figures.push(new Figure(els[i])); }
  // Drawing the figures may have added a scrollbar: draw again at the final width.
  for (i = 0; i < figures.length; i++) { if (figures[i].width() !== figures[i].lastW) { figures[i].render(); } }
  window.vrrplabReport = { figures: figures, fmt: fmt };
  document.documentElement.setAttribute("data-ready", "true");
})();
