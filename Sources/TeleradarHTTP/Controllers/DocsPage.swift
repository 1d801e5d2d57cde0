/// The HTML of `/docs`: renders `/openapi.json` grouped by tag, with parameters, body schemas and a "try it"
/// box for GET routes. Everything is inline; every text from the document is inserted with `textContent`.
enum DocsPage {
    static let html = #"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Teleradar API</title>
        <style>
        body{font:15px/1.45 system-ui,-apple-system,sans-serif;margin:0;background:var(--tg-theme-bg-color,#fafafa);color:var(--tg-theme-text-color,#1d1d1f)}
        header{padding:16px 24px;background:#1f3b57;color:#fff}header h1{margin:0;font-size:20px}
        main{max-width:1000px;margin:0 auto;padding:16px 24px}
        h2{margin-top:28px;border-bottom:1px solid #ccc;text-transform:capitalize}
        details{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0}
        summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:center}
        .m{font:600 12px monospace;padding:2px 8px;border-radius:4px;color:#fff;min-width:52px;text-align:center}
        .GET{background:#2e7d32}.POST{background:#1565c0}.PUT{background:#ef6c00}.DELETE{background:#c62828}
        code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f3f3f3;padding:8px;overflow:auto;border-radius:4px}
        .body{padding:4px 16px 12px}.lock{color:#777;font-size:12px}.admin{color:#c62828}
        table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
        input{font:13px monospace;padding:4px;width:100%;box-sizing:border-box}
        </style></head>
        <body><header><h1>Teleradar API</h1><div id="desc"></div></header>
        <main><p><label>Authorization header for “Try it” (kept in this page only):
        <input id="auth" placeholder="Bearer trk_…"></label></p><div id="routes">Loading /openapi.json…</div></main>
        <script>
        function el(tag, attrs, ...children){const e=document.createElement(tag);for(const[k,v]of Object.entries(attrs||{}))e.setAttribute(k,v);
          for(const c of children){if(c==null)continue;e.append(c instanceof Node?c:document.createTextNode(String(c)))}return e}
        function resolve(doc, schema){if(schema&&schema.$ref){return doc.components.schemas[schema.$ref.split('/').pop()]}return schema}
        async function tryIt(path, params, out){
          let url=path;for(const p of params.filter(p=>p.in==='path')){const v=prompt(p.name);if(v==null)return;url=url.replace('{'+p.name+'}',encodeURIComponent(v))}
          const headers={};const a=document.getElementById('auth').value.trim();if(a)headers['Authorization']=a;
          const r=await fetch(url,{headers});const text=await r.text();let shown=text;try{shown=JSON.stringify(JSON.parse(text),null,2)}catch(e){}
          out.textContent=r.status+' '+r.statusText+' (trace '+(r.headers.get('X-Trace-ID')||'-')+')\n'+shown}
        fetch('/openapi.json').then(r=>r.json()).then(doc=>{
          document.getElementById('desc').textContent=doc.info.description;
          const byTag={};for(const[path,ops]of Object.entries(doc.paths))for(const[method,op]of Object.entries(ops)){
            (byTag[op.tags[0]]=byTag[op.tags[0]]||[]).push({path,method:method.toUpperCase(),op})}
          const root=document.getElementById('routes');root.textContent='';
          for(const[tag,list]of Object.entries(byTag)){root.append(el('h2',{},tag));
            for(const{path,method,op}of list){const lock=op.security.length===0?'public':(op['x-admin-only']?'admin only':'authenticated');
              const body=el('div',{class:'body'},el('p',{},op.summary));
              if(op.parameters.length){const t=el('table',{},el('tr',{},el('th',{},'parameter'),el('th',{},'in'),el('th',{},'schema')));
                for(const p of op.parameters)t.append(el('tr',{},el('td',{},el('code',{},p.name)),el('td',{},p.in),el('td',{},el('code',{},JSON.stringify(p.schema)))));body.append(t)}
              if(op.requestBody){body.append(el('p',{},'JSON body:'),el('pre',{},JSON.stringify(resolve(doc,op.requestBody.content['application/json'].schema),null,2)))}
              const codes=Object.keys(op.responses);body.append(el('p',{},'Responses: '+codes.join(', ')));
              const ok=op.responses[codes[0]];const media=ok.content&&Object.values(ok.content)[0];
              if(media&&media.schema)body.append(el('pre',{},JSON.stringify(resolve(doc,media.schema),null,2)));
              if(method==='GET'){const out=el('pre',{});const b=el('button',{},'Try it');b.onclick=()=>tryIt(path,op.parameters,out);body.append(b,out)}
              root.append(el('details',{},el('summary',{},el('span',{class:'m '+method},method),el('code',{},path),
                el('span',{class:'lock'+(lock==='admin only'?' admin':'')},lock)),body))}}
        }).catch(e=>{document.getElementById('routes').textContent='Could not load /openapi.json: '+e});
        </script></body></html>
        """#
}
