/* The saved 适老化 preferences, applied in <head> before the first paint (no flash). A file, not an
   inline script: the CSP (deploy/nginx.conf) allows scripts from the site only. */
try {
  var s = localStorage.getItem("gk-size"), c = localStorage.getItem("gk-contrast");
  if (s) document.documentElement.setAttribute("data-gk-size", s);
  if (c === "high") document.documentElement.setAttribute("data-gk-contrast", "high");
} catch (e) {}
