// The bureau's additions to Decap CMS: the 索引号 and the frozen slug of a new document from the
// allocator of `python -m gongkai new`, and a preview pane that shows the page's metadata block,
// validity banner and the checker's findings. Both call our endpoints (gongkai.editor.web).
/* global CMS, createClass, h */

async function gkPost(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error);
  return answer;
}

// A new entry gets its 索引号 and slug when it is first saved, never from the title in the browser.
CMS.registerEventListener({
  name: "preSave",
  handler: async ({ entry }) => {
    const data = entry.get("data");
    if (data.get("index_no") && data.get("slug")) return data;
    const given = await gkPost("/api/allocate", {
      collection: entry.get("collection"),
      title: data.get("title"),
    });
    return data.set("index_no", data.get("index_no") || given.index_no).set("slug", data.get("slug") || given.slug);
  },
});

const GkPreview = createClass({
  getInitialState() {
    return { html: "", findings: [], error: "" };
  },
  componentDidMount() {
    this.refresh();
  },
  componentDidUpdate(previous) {
    if (previous.entry !== this.props.entry) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 500);
    }
  },
  async refresh() {
    const entry = this.props.entry;
    try {
      const answer = await gkPost("/api/preview", {
        collection: entry.get("collection"),
        path: entry.get("newRecord") ? null : entry.get("path"),
        data: entry.get("data").toJS(),
      });
      this.setState({ html: answer.html, findings: answer.findings, error: "" });
    } catch (e) {
      this.setState({ error: String(e.message || e) });
    }
  },
  render() {
    const { html, findings, error } = this.state;
    const problems = findings.length
      ? h("ul", { className: "gk-findings" }, findings.map((line) => h("li", { key: line }, line)))
      : h("p", { className: "gk-findings-none" }, "检查没有发现问题。");
    return h(
      "article",
      {},
      h("h1", {}, this.props.entry.getIn(["data", "title"])),
      h("section", { "aria-label": "检查结果" }, h("h2", {}, "检查结果"), error ? h("p", {}, error) : problems),
      h("div", { dangerouslySetInnerHTML: { __html: html } }),
      this.props.widgetFor("body"),
    );
  },
});

fetch("config.yml")
  .then((response) => response.text())
  .then((text) => {
    for (const match of text.matchAll(/^- name: (\w+)$/gm)) CMS.registerPreviewTemplate(match[1], GkPreview);
  });
