/* Material's partials/javascripts/content.html as a file (the CSP allows no inline script). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
