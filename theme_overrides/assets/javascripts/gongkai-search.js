/* The search page: Pagefind's chunked index (only the chunks a query needs are fetched), with
   filters by 栏目, 年份 and 有效性. The form is a plain GET form: ?q=…&栏目=… reload the page.
   A query is also run with its synonyms (#gk-synonyms, from src/gongkai/data/synonyms.yml) and
   the results merged, each page once with its best score. */
(function () {
  "use strict";
  var form = document.getElementById("gk-search");
  var out = document.getElementById("gk-results");
  var status = document.getElementById("gk-search-status");
  if (!form || !out) return;
  var base = form.getAttribute("data-pagefind");
  var FILTERS = ["栏目", "年份", "有效性"];
  var pagefind = null;
  var synonymsEl = document.getElementById("gk-synonyms");
  var SYNONYMS = synonymsEl ? JSON.parse(synonymsEl.textContent) : [];
  var MAX_VARIANTS = 6;

  /* The query and its variants: each synonym group term found in it replaced by the others. */
  function variants(q) {
    var out = [q];
    SYNONYMS.forEach(function (group) {
      group.forEach(function (term) {
        if (q.indexOf(term) === -1) return;
        group.forEach(function (other) {
          var v = q.split(term).join(other);
          if (other !== term && out.indexOf(v) === -1) out.push(v);
        });
      });
    });
    return out.slice(0, MAX_VARIANTS);
  }

  /* Pagefind has no OR: one search per variant, merged by page, best score first. */
  async function searchAll(pf, queries, filters) {
    var best = {};
    for (var i = 0; i < queries.length; i++) {
      var found = await pf.search(queries[i], { filters: filters });
      found.results.forEach(function (r) {
        if (!best[r.id] || best[r.id].score < r.score) best[r.id] = r;
      });
    }
    return Object.keys(best).map(function (id) { return best[id]; })
      .sort(function (a, b) { return b.score - a.score; });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  async function load() {
    if (!pagefind) {
      pagefind = await import(new URL(base + "pagefind.js", document.baseURI).href);
      await pagefind.options({ excerptLength: 40 });
      /* A big site is indexed in several bundles (pagefind-2/, …): search them as one. */
      var more = (form.getAttribute("data-pagefind-merge") || "").split(/\s+/).filter(Boolean);
      for (var i = 0; i < more.length; i++) {
        await pagefind.mergeIndex(new URL(more[i], document.baseURI).href);
      }
    }
    return pagefind;
  }

  async function fillFilters(pf, params) {
    var counts = await pf.filters();
    FILTERS.forEach(function (name) {
      var select = form.querySelector("select[name='" + name + "']");
      if (!select) return;
      var values = Object.keys(counts[name] || {}).sort().reverse();
      values.forEach(function (v) {
        var o = el("option", { value: v }, v + "（" + counts[name][v] + "）");
        if (params.get(name) === v) o.selected = true;
        select.appendChild(o);
      });
    });
  }

  /* Pagefind joins a heading to the text after it with a half-width ". ": in Chinese text that is
     a 句号 after a character, and nothing after a Chinese punctuation mark. */
  function cjkJoin(html) {
    return html
      .replace(/([\u3400-\u9fff\uff09\u300b\u300d\u3011])((?:<\/mark>)?)\. /g, "$1$2。")
      .replace(/([\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f])((?:<\/mark>)?)\.? /g, "$1$2");
  }

  async function run(params) {
    var q = (params.get("q") || "").trim();
    var filters = {};
    FILTERS.forEach(function (n) { if (params.get(n)) filters[n] = params.get(n); });
    out.textContent = "";
    if (!q && !Object.keys(filters).length) { status.textContent = "请输入要搜索的词语、发文字号或索引号。"; return; }
    status.textContent = "正在搜索……";
    var pf = await load();
    var queries = q ? variants(q) : [null];
    var results = await searchAll(pf, queries, filters);
    var shown = results.slice(0, 20);
    var data = await Promise.all(shown.map(function (r) { return r.data(); }));
    /* A query that is exactly a 发文字号 or 索引号 puts that document first. */
    var exact = function (d) { return d.meta["发文字号"] === q || d.meta["索引号"] === q ? 0 : 1; };
    data = data.map(function (d, i) { return [exact(d), i, d]; })
      .sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; })
      .map(function (x) { return x[2]; });
    var also = queries.slice(1).map(function (v) { return "“" + v + "”"; }).join("、");
    status.textContent = results.length
      ? "找到" + results.length + "条结果" + (results.length > 20 ? "，显示前20条" : "") + "。"
        + (also ? "同时搜索了同义词" + also + "。" : "")
      : "没有找到与“" + q + "”相关的信息。请换一个词语，或减少筛选条件。";
    data.forEach(function (d) {
      var li = el("li", { "class": "gk-result" });
      var h = el("h2", { "class": "gk-result__title" });
      var a = el("a", { href: d.url }, d.meta.title || d.url);
      h.appendChild(a);
      li.appendChild(h);
      var facts = [];
      ["发文字号", "发布日期"].forEach(function (k) { if (d.meta[k]) facts.push(k + "：" + d.meta[k]); });
      if (d.filters && d.filters["栏目"]) facts.unshift("栏目：" + d.filters["栏目"].join("、"));
      if (d.filters && d.filters["有效性"]) facts.push("有效性：" + d.filters["有效性"].join("、"));
      if (facts.length) li.appendChild(el("p", { "class": "gk-result__facts" }, facts.join("　")));
      var p = el("p", { "class": "gk-result__excerpt" });
      p.innerHTML = cjkJoin(d.excerpt); /* Pagefind escapes the page text and adds only <mark> */
      li.appendChild(p);
      out.appendChild(li);
    });
  }

  var params = new URLSearchParams(location.search);
  form.querySelector("[name=q]").value = params.get("q") || "";
  load().then(function (pf) { return fillFilters(pf, params); }).then(function () { return run(params); })
    .catch(function () { status.textContent = "搜索暂时不可用，请通过栏目列表查找。"; });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var next = new URLSearchParams(new FormData(form));
    Array.from(next.keys()).forEach(function (k) { if (!next.get(k)) next.delete(k); });
    history.replaceState(null, "", "?" + next.toString());
    run(next);
  });
})();
