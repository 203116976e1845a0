// The API reference at /docs: one static HTML page whose inline script fetches /openapi.json and
// lists every path, its responses and the schemas. No CDN, no build step; text is inserted with
// textContent only, so nothing in the document can inject markup.
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cubcanvas HTTP API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2rem}.op{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #7a5}
.m{font:bold 13px monospace;text-transform:uppercase;margin-right:.5rem}code,pre{background:#f5f5f5;padding:.1rem .3rem}
pre{padding:.6rem;overflow:auto}
</style></head>
<body><h1>cubcanvas HTTP API</h1><p id="desc">Loading <a href="/openapi.json">/openapi.json</a>…</p>
<div id="paths"></div><h2>Schemas</h2><div id="schemas"></div>
<script>
function el(tag, text, cls){var e=document.createElement(tag);if(text!==undefined)e.textContent=text;if(cls)e.className=cls;return e;}
fetch('/openapi.json').then(function(r){return r.json();}).then(function(doc){
  document.getElementById('desc').textContent=doc.info.description;
  var paths=document.getElementById('paths');
  Object.keys(doc.paths).forEach(function(p){
    Object.keys(doc.paths[p]).forEach(function(m){
      var op=doc.paths[p][m],d=el('div',undefined,'op');
      var h=el('div');h.appendChild(el('span',m,'m'));h.appendChild(el('code',p));d.appendChild(h);
      d.appendChild(el('div',op.summary));
      var ul=el('ul');Object.keys(op.responses||{}).forEach(function(c){ul.appendChild(el('li',c+': '+op.responses[c].description));});
      d.appendChild(ul);paths.appendChild(d);
    });
  });
  var schemas=document.getElementById('schemas');
  Object.keys(doc.components.schemas).forEach(function(n){
    schemas.appendChild(el('h3',n));schemas.appendChild(el('pre',JSON.stringify(doc.components.schemas[n],null,2)));
  });
}).catch(function(e){document.getElementById('desc').textContent='could not load /openapi.json: '+e;});
</script></body></html>
`;
