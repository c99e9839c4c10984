/* 信息处理费计算器（国办函〔2020〕109号）。
 * The tiers come from the page (<script type="application/json" id="gongkai-fee-tiers">), written
 * at build time from src/gongkai/data/fees.yml, the same data as `python -m gongkai fee`.
 * Money is counted in fen (integers) so that the sums are exact, as Decimal is in Python. */
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

  /* (first, last, rate in fen) of every band touching units 1…upto; mirrors Method.bands. */
  function bands(method, upto) {
    var out = [];
    for (var i = 0; i < method.tiers.length; i++) {
      var t = method.tiers[i];
      if (t.from > upto) break;
      if (t.to !== null) { out.push([t.from, t.to, fen(t.rate)]); continue; }
      if (t.band === null) { out.push([t.from, upto, fen(t.rate)]); break; }
      var first = t.from, rate = fen(t.rate);
      while (first <= upto) {
        out.push([first, first + t.band - 1, rate]);
        first += t.band;
        rate += fen(t.step);
      }
      break;
    }
    return out;
  }

  function compute(key, quantity, already) {
    var method = methods[key];
    var lo = already + 1, hi = already + quantity, total = 0, lines = [];
    if (quantity > 0) {
      bands(method, hi).forEach(function (b) {
        if (b[1] < lo) return;
        var first = Math.max(b[0], lo), last = Math.min(b[1], hi), count = last - first + 1;
        var amount = count * b[2];
        total += amount;
        lines.push(span(first, last, method.unit) + "：" + count + method.unit + " × " +
          yuan(b[2]) + "/" + method.unit + " = " + yuan(amount));
      });
    }
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
