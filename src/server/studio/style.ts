/** The studio's one stylesheet: a small design system (tokens, type scale, buttons, cards, tables, forms). */
export const STUDIO_CSS = String.raw`
:root{--bg:#f6f7f9;--surface:#fff;--text:#1c2330;--muted:#5b6576;--line:#dfe3ea;--accent:#2f5bd3;--accent-ink:#fff;
--accent-soft:#e8eefc;--ok:#16794c;--ok-soft:#e3f4ec;--warn:#8a5a00;--warn-soft:#fff4d6;--bad:#b42318;--bad-soft:#fdecea;
--radius:10px;--shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);--focus:0 0 0 3px rgba(47,91,211,.45);
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;--sans:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.55 var(--sans)}
a{color:var(--accent)}
a:hover{text-decoration-thickness:2px}
code,.mono{font-family:var(--mono);font-size:.9em}
h1{font-size:1.6rem;line-height:1.25;margin:0}
h2{font-size:1.15rem;margin:0 0 .75rem}
h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:1.5rem 0 .6rem}
:focus-visible{outline:none;box-shadow:var(--focus);border-radius:6px}
.skip{position:absolute;left:-999px;top:.5rem;background:var(--surface);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.muted{color:var(--muted);font-weight:400}
.topbar{display:flex;align-items:center;gap:1.25rem;flex-wrap:wrap;padding:.7rem clamp(1rem,4vw,2.5rem);background:var(--surface);border-bottom:1px solid var(--line)}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;color:var(--text);text-decoration:none;font-size:1.05rem}
.brand-sub{color:var(--accent);font-weight:600}
.logo{width:22px;height:22px;border-radius:6px;background:linear-gradient(135deg,#f59e0b,#ea580c);position:relative}
.logo::after{content:"";position:absolute;left:6px;bottom:6px;width:5px;height:5px;border-radius:50%;background:#fff;box-shadow:5px -5px 0 -1px transparent}
.topbar nav{display:flex;gap:.25rem;flex:1}
.topbar nav a{padding:.35rem .7rem;border-radius:8px;color:var(--muted);text-decoration:none;font-weight:500}
.topbar nav a[aria-current=page]{background:var(--accent-soft);color:var(--accent)}
.sign-out{margin:0}
main{max-width:1180px;margin:0 auto;padding:1.75rem clamp(1rem,4vw,2.5rem) 4rem}
main:focus{outline:none}
.page-head{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap;margin-bottom:1.25rem}
.actions,.form-actions,.row-actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.card{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1.25rem}
.narrow{max-width:26rem;margin:3rem auto}
.stack{display:flex;flex-direction:column;gap:.9rem}
.button{display:inline-flex;align-items:center;justify-content:center;gap:.35rem;min-height:2.25rem;padding:.4rem .9rem;border:1px solid var(--line);
border-radius:8px;background:var(--surface);color:var(--text);font:inherit;font-weight:550;text-decoration:none;cursor:pointer;white-space:nowrap}
.button:hover{border-color:#c3cad6;background:#fafbfc}
.button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-ink)}
.button.primary:hover{background:#2549b0}
.button.ghost{border-color:transparent;background:transparent;color:var(--muted)}
.button.danger{color:var(--bad)}
.button.small{min-height:1.9rem;padding:.2rem .6rem;font-size:.85rem}
.button[disabled],.button[aria-disabled=true]{opacity:.5;cursor:not-allowed}
label{font-weight:600;font-size:.875rem}
input[type=text],input[type=url],input[type=password],select{width:100%;min-height:2.4rem;padding:.45rem .65rem;border:1px solid #c9d0db;border-radius:8px;
background:var(--surface);color:var(--text);font:inherit}
input[type=text],input[type=url]{font-family:var(--mono);font-size:.875rem}
input:focus-visible,select:focus-visible{border-color:var(--accent)}
input[aria-invalid=true]{border-color:var(--bad)}
.field{display:flex;flex-direction:column;gap:.3rem;min-width:0}
.hint{color:var(--muted);font-size:.8rem}
.field-error{color:var(--bad);font-size:.8rem}
.field-warning{color:var(--warn);font-size:.8rem;background:var(--warn-soft);padding:.15rem .4rem;border-radius:4px}
.inline{display:flex;gap:.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.8rem}
fieldset{border:1px solid var(--line);border-radius:var(--radius);padding:.9rem 1rem 1rem;margin:0}
legend{font-weight:650;padding:0 .35rem}
details.filters{border:1px solid var(--line);border-radius:var(--radius);padding:.6rem 1rem}
details.filters[open]{display:flex;flex-direction:column;gap:.8rem;padding-bottom:1rem}
summary{cursor:pointer;font-weight:650}
.check{display:flex;gap:.5rem;align-items:center;font-weight:500}
.alert{padding:.7rem .9rem;border-radius:8px;background:var(--warn-soft);color:var(--warn);margin:0 0 1rem;overflow-wrap:anywhere}
.alert.error{background:var(--bad-soft);color:var(--bad)}
.alert.info{background:var(--accent-soft);color:#1d3f9e}
.status{color:var(--muted);margin:.25rem 0 .75rem}
.status:empty{margin:0}
.table-wrap{overflow-x:auto;background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.7rem .9rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:650;background:#fafbfc}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.source-name{font-weight:650}
.source-meta{display:block;color:var(--muted);font-size:.8rem;font-family:var(--mono);overflow-wrap:anywhere}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:999px;font-size:.78rem;font-weight:650;background:#eef0f4;color:var(--muted);white-space:nowrap}
.badge.ok{background:var(--ok-soft);color:var(--ok)}
.badge.failing{background:var(--bad-soft);color:var(--bad)}
.badge.paused{background:var(--warn-soft);color:var(--warn)}
.error-text{color:var(--bad);font-size:.85rem;max-width:22rem;overflow-wrap:anywhere}
.editor{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.25rem;align-items:start}
.preview{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto}
.preview[aria-busy=true] #preview-status::before{content:"";display:inline-block;width:.8em;height:.8em;margin-right:.45em;border:2px solid var(--accent);border-right-color:transparent;border-radius:50%;animation:spin .8s linear infinite;vertical-align:-.1em}
@keyframes spin{to{transform:rotate(1turn)}}
.warnings{list-style:none;padding:0;margin:0 0 .5rem;display:flex;flex-direction:column;gap:.4rem}
.warnings li{padding:.5rem .75rem;border-radius:8px;background:var(--warn-soft);color:var(--warn);font-size:.875rem;overflow-wrap:anywhere}
.groups{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.5rem}
.group{display:flex;gap:.75rem;align-items:flex-start;justify-content:space-between;padding:.7rem .85rem;border:1px solid var(--line);border-radius:8px;background:var(--surface)}
.group.chosen{border-color:var(--accent);background:var(--accent-soft)}
.group p{margin:.15rem 0 0;font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}
.items{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.5rem}
.item{display:flex;gap:.8rem;padding:.75rem;border:1px solid var(--line);border-radius:8px;background:var(--surface)}
.item img{width:84px;height:64px;object-fit:cover;border-radius:6px;flex:none;background:#eef0f4}
.item-title{font-weight:650;line-height:1.3}
.item-meta{font-size:.8rem;color:var(--muted)}
.item-summary{font-size:.875rem;margin:.25rem 0 0;color:#3a4352}
.article{border:1px solid var(--line);border-radius:8px;padding:.8rem .9rem;margin-bottom:.6rem;background:var(--surface)}
.article dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem .8rem;margin:0;font-size:.875rem}
.article dt{font-weight:650;color:var(--muted)}
.article dd{margin:0;overflow-wrap:anywhere}
.from{display:inline-block;margin-left:.4rem;padding:0 .4rem;border-radius:4px;background:#eef0f4;color:var(--muted);font-size:.72rem;font-family:var(--mono)}
.excerpt{max-height:7.5em;overflow:hidden}
.saved{margin-top:1.25rem;border-color:#a6d8bf;background:#f3fbf6}
.copy-list{list-style:none;padding:0;margin:0 0 .75rem;display:flex;flex-direction:column;gap:.5rem}
.copy-list li{display:flex;gap:.5rem;align-items:center}
.copy-list .label{width:5.5rem;font-weight:650;font-size:.85rem}
.copy-list input{flex:1}
@media (max-width:860px){.editor{grid-template-columns:1fr}.preview{position:static;max-height:none}}
@media (max-width:640px){
  .topbar nav{order:3;flex-basis:100%}
  table.sources thead{display:none}
  table.sources tr{display:block;padding:.6rem 0;border-bottom:1px solid var(--line)}
  table.sources td{display:flex;gap:.75rem;border:0;padding:.3rem .9rem}
  table.sources td::before{content:attr(data-label);min-width:6.5rem;font-size:.75rem;text-transform:uppercase;color:var(--muted);font-weight:650}
  table.sources td.num{text-align:left}
  .inline{flex-direction:column}
}
@media (prefers-reduced-motion:reduce){*{animation:none!important}}
`;
