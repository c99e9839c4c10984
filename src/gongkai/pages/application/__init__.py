"""The 依申请公开 application form: its data (`form`), the page (`page`), its DOCX and PDF (`files`)."""
