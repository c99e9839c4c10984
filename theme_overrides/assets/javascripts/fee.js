/* 信息处理费计算器（国办函〔2020〕109号）。
 * The tiers come from the page (<script type="application/json" id="gongkai-fee-tiers">), written
 * at build time from src/gongkai/data/fees.yml, the same data as `python -m gongkai fee`.
 * Money is counted in fen (integers) so that the sums are exact, as Decimal is in Python: the
 * bound on the units (`max`, 1,000,000) keeps every sum far below 2^53, where integers stay exact.
 * Tiers are summed from their overlap with the units charged, never unit by unit or band by band. */
(function () {
  "use strict";
  var form = document.getElementById("gongkai-fee");
  var data = document.getElementById("gongkai-fee-tiers");
  if (!form || !data) return;
  var methods = JSON.parse(data.textContent);
  var output = document.getElementById("gongkai-fee-result");
  var before = document.getElementById("gongkai-fee-before");

  function fen(text) {
    var parts = String(text).split(".");
    var frac = ((parts[1] || "") + "00").slice(0, 2);
    return Number(parts[0]) * 100 + Number(frac);
  }

  function yuan(f) {
    var rest = f % 100;
    if (rest === 0) return f / 100 + "元";
    return Math.floor(f / 100) + "." + (rest < 10 ? "0" : "") + rest + "元";
  }

  function span(first, last, unit) {
    return first === last ? "第" + first + unit : first + "～" + last + unit;
  }

  /* Σ ⌊x / band⌋ for x in 0…n-1; mirrors fees._risen. */
  function risen(n, band) {
    var q = Math.floor(n / band), r = n % band;
    return band * q * (q - 1) / 2 + q * r;
  }

  function line(first, last, rate, amount, rise, unit) {
    var head = span(first, last, unit) + "：" + (last - first + 1) + unit;
    if (!rise) return head + " × " + yuan(rate) + "/" + unit + " = " + yuan(amount);
    return head + "，" + yuan(rate) + "/" + unit + "起每" + rise[0] + unit + "提高" +
      yuan(rise[1]) + "/" + unit + "，至" + yuan(rise[2]) + "/" + unit + " = " + yuan(amount);
  }

  /* Units lo…hi of a tier whose rate rises every band units; mirrors fees._rising. */
  function rising(t, lo, hi, shown, out) {
    var s = t.from, band = t.band, rate0 = fen(t.rate), step = fen(t.step);
    var firstBand = Math.floor((lo - s) / band), lastBand = Math.floor((hi - s) / band);
    if (lastBand - firstBand < shown) {
      for (var k = firstBand; k <= lastBand; k++) {
        var a = Math.max(lo, s + k * band), b = Math.min(hi, s + (k + 1) * band - 1);
        var rate = rate0 + k * step;
        out.push([a, b, rate, rate * (b - a + 1), null]);
      }
      return;
    }
    var amount = rate0 * (hi - lo + 1) + step * (risen(hi - s + 1, band) - risen(lo - s, band));
    out.push([lo, hi, rate0 + firstBand * step, amount, [band, step, rate0 + lastBand * step]]);
  }

  /* The fee of units lo…hi, tier by tier from each tier's overlap; mirrors Method.lines. */
  function compute(key, quantity, already) {
    var method = methods[key];
    var lo = already + 1, hi = already + quantity, total = 0, parts = [];
    if (quantity > 0) {
      method.tiers.forEach(function (t) {
        var a = Math.max(lo, t.from), b = t.to === null ? hi : Math.min(hi, t.to);
        if (a > b) return;
        if (t.band === null) parts.push([a, b, fen(t.rate), fen(t.rate) * (b - a + 1), null]);
        else rising(t, a, b, method.shown_bands, parts);
      });
    }
    var lines = parts.map(function (p) {
      total += p[3];
      return line(p[0], p[1], p[2], p[3], p[4], method.unit);
    });
    return { method: method, total: total, lines: lines };
  }

  function count(input) {
    var text = input.value.trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  }

  function show(event) {
    if (event) event.preventDefault();
    var key = form.querySelector("input[name=method]:checked").value;
    before.disabled = key !== "按件";
    var quantity = count(document.getElementById("gongkai-fee-quantity"));
    var already = key === "按件" ? count(before) : 0;
    output.textContent = "";
    if (quantity === null || already === null) {
      output.removeAttribute("data-amount");
      output.textContent = "请输入0或正整数。";
      return;
    }
    if (quantity + already > methods[key].max) {  /* as fees.too_many: refused, not counted */
      output.removeAttribute("data-amount");
      output.textContent = methods[key].too_many;
      return;
    }
    var fee = compute(key, quantity, already);
    output.setAttribute("data-amount", yuan(fee.total));
    var head = document.createElement("p");
    head.textContent = fee.method.name + "：" + quantity + fee.method.unit +
      (already ? "（本月此前已累计" + already + fee.method.unit + "）" : "") +
      "，信息处理费" + yuan(fee.total);
    output.appendChild(head);
    if (fee.lines.length) {
      var list = document.createElement("ul");
      fee.lines.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      output.appendChild(list);
    }
  }

  form.hidden = false;
  form.addEventListener("submit", show);
  form.addEventListener("change", show);
  form.addEventListener("input", show);
  show();
})();
