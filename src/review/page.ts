// The review page: one HTML document with inline CSS and JS, served by the
// review server. Statements reach the page only as JSON and are put into the
// DOM with textContent, never as markup; the CSP allows only this page's own
// style and script (by hash) and requests to its own server. The help panel
// (`?`) holds the codebook summary (codebook.ts), escaped into the page when
// it is first built.
import { createHash } from 'node:crypto';
import { escapeHtml } from '../report/escape.js';
import { LABELS, TARGET_KINDS } from '../types.js';
import { codebookSummary, type CodebookSummary } from './codebook.js';

/** Keys 1–5 relabel, in the codebook's label order. */
export const LABEL_KEYS: ReadonlyArray<readonly [string, (typeof LABELS)[number]]> = LABELS.map((label, i) => [String(i + 1), label] as const);
/** Keys 6–8 set the target of a move (sent with the next decision). */
export const TARGET_KEYS: ReadonlyArray<readonly [string, (typeof TARGET_KINDS)[number]]> = TARGET_KINDS.map((t, i) => [String(i + 6), t] as const);

const CSS = `
:root{--line:#dadce0;--muted:#5f6368;--mark:#fde68a}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:900px;padding:14px 20px 40px;color:#1f1f1f}
header{display:flex;justify-content:space-between;align-items:baseline;gap:10px;flex-wrap:wrap}
h1{font-size:18px;margin:0}
#bar{height:6px;background:#eee;border-radius:3px;overflow:hidden;margin:6px 0 12px}#bar-fill{height:100%;width:0;background:#1a73e8}
.meta{font-size:13px;color:var(--muted)}
.context{color:var(--muted);font-size:14px;margin:6px 0}
#text{font-size:18px;margin:10px 0;padding:10px 12px;border-left:4px solid #1a73e8;background:#f8f9fa}
mark{background:var(--mark);padding:0 1px;border-radius:2px}mark.weak{background:#e5e7eb;text-decoration:line-through}
#proposed{font-weight:600}.flag{display:inline-block;font-size:12px;border:1px solid #c6c6c6;border-radius:8px;padding:0 6px;margin-left:4px}
#evidence{font-size:13px;color:var(--muted);padding-left:18px}
.actions{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0}
button{font:inherit;font-size:13px;padding:4px 10px;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer}
button:hover{background:#f1f3f4}button kbd{font-size:11px;color:var(--muted);margin-right:4px}
#note{width:100%;min-height:54px;font:inherit;font-size:14px;padding:6px}
#status{min-height:1.5em;font-size:13px}#status.error{color:#b3261e}#status.ok{color:#188038}
#previous{font-size:13px;color:var(--muted)}
#done{display:none;padding:20px;background:#e6f4ea;border:1px solid #b7dfc2}
.keys{font-size:12px;color:var(--muted);margin-top:16px}
#who{font-size:13px;color:var(--muted)}
.targets{display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-size:13px;margin:6px 0}
.targets button[aria-pressed="true"]{background:#d2e3fc;border-color:#1a73e8}
#elsewhere{font-size:13px;color:var(--muted)}
#help{display:none;position:fixed;top:0;right:0;bottom:0;width:min(560px,92vw);overflow:auto;background:#fff;border-left:1px solid var(--line);box-shadow:-4px 0 16px rgba(0,0,0,.12);padding:14px 18px;font-size:14px}
body.help-open #help{display:block}
#help h2{font-size:16px;margin:4px 0 8px}#help h3{font-size:14px;margin:12px 0 2px}#help code{font-weight:600}
#help ul{margin:2px 0;padding-left:18px}#help li{margin:1px 0}#help p{margin:4px 0}#help-close{float:right}
`;

const SCRIPT = `(function(){'use strict';
var LABEL_KEYS=${JSON.stringify(LABEL_KEYS)};
var TARGET_KEYS=${JSON.stringify(TARGET_KEYS)};
var MOVES=${JSON.stringify(LABELS.filter((l) => l !== 'none'))};
var current=null,busy=false,history=[],target=null;
function $(id){return document.getElementById(id);}
function setStatus(text,cls){var s=$('status');s.textContent=text;s.className=cls||'';}
function request(method,path,body){
  var init={method:method,headers:{}};
  if(body!==undefined){init.headers['Content-Type']='application/json';init.body=JSON.stringify(body);}
  return fetch(path,init).then(function(r){return r.json().then(function(j){if(!r.ok)throw new Error(j.error||('HTTP '+r.status));return j;});});
}
function clear(node){while(node.firstChild)node.removeChild(node.firstChild);}
function textBlock(id,texts){var box=$(id);clear(box);texts.forEach(function(t){var p=document.createElement('div');p.textContent=t;box.appendChild(p);});}
function showProgress(state){
  $('who').textContent='annotator: '+(state.annotator||'(unnamed)')+' · queue: '+state.queue;
  $('progress').textContent=state.done+' / '+state.total;
  $('counts').textContent='accepted '+state.counts.accept+' · relabelled '+state.counts.relabel+' · skipped '+state.counts.skip;
  $('bar-fill').style.width=(state.total?Math.round(100*state.done/state.total):100)+'%';
}
function showDone(){current=null;document.body.setAttribute('data-index','done');document.body.removeAttribute('data-id');$('item').style.display='none';$('done').style.display='block';}
function render(item){
  current=item;document.body.setAttribute('data-index',String(item.index));document.body.setAttribute('data-id',item.id);
  $('done').style.display='none';$('item').style.display='block';
  $('position').textContent='item '+(item.index+1)+' of '+item.total;
  var where=[item.country||'no country',item.year===null?'no year':String(item.year),item.venue,item.doc+' #'+item.n].filter(function(x){return x;});
  $('where').textContent=where.join(' · ');
  $('proposed').textContent=item.label+(item.confidence===null?'':' ('+Math.round(item.confidence*100)+'%)')+(item.target&&item.target!=='na'?' · target '+item.target:'');
  $('margin').textContent=item.margin===null?'':' · margin '+item.margin.toFixed(3);
  if(item.margin===null)document.body.removeAttribute('data-margin');else document.body.setAttribute('data-margin',String(item.margin));
  var d=item.decision;
  setTarget(d&&d.target&&d.target!=='na'?d.target:(item.target&&item.target!=='na'?item.target:null));
  var flags=$('flags');clear(flags);item.flags.forEach(function(f){var s=document.createElement('span');s.className='flag';s.textContent=f;flags.appendChild(s);});
  textBlock('before',item.before);textBlock('after',item.after);
  var text=$('text');clear(text);
  item.pieces.forEach(function(p){
    if(p.rules.length===0){text.appendChild(document.createTextNode(p.text));return;}
    var m=document.createElement('mark');m.textContent=p.text;m.setAttribute('title',p.rules.join('; '));if(p.weak)m.className='weak';text.appendChild(m);
  });
  var ev=$('evidence');clear(ev);
  item.evidence.forEach(function(e){var li=document.createElement('li');li.textContent=e;ev.appendChild(li);});
  var prev=$('previous');
  prev.textContent=item.decision?('decided: '+item.decision.decision+(item.decision.label?' → '+item.decision.label:'')+(item.decision.note?' · note: '+item.decision.note:'')):'';
  $('note').value=item.decision&&item.decision.note?item.decision.note:'';
  var e=item.elsewhere;
  $('elsewhere').textContent=e?('decided in the '+(e.sampled_by||'flagged')+' queue: '+e.decision+(e.label?' → '+e.label:'')+(e.target&&e.target!=='na'?' ('+e.target+')':'')):'';
}
function setTarget(t){
  target=t;document.body.setAttribute('data-target',t||'');
  document.querySelectorAll('button[data-target]').forEach(function(b){b.setAttribute('aria-pressed',String(b.getAttribute('data-target')===t));});
}
function toggleHelp(open){
  var on=open===undefined?!document.body.classList.contains('help-open'):open;
  document.body.classList.toggle('help-open',on);$('help').setAttribute('aria-hidden',String(!on));
}
function load(index){
  return request('GET','/api/state').then(function(state){
    showProgress(state);
    if(index>=state.total){showDone();return;}
    return request('GET','/api/items/'+index).then(render);
  });
}
function decide(decision,label){
  if(busy||!current)return;
  busy=true;setStatus('saving…');
  var body={id:current.id,decision:decision};
  if(label)body.label=label;
  var given=decision==='accept'?current.label:label;
  if(target&&MOVES.indexOf(given)>=0)body.target=target;
  var note=$('note').value;if(note.trim())body.note=note;
  var from=current.index;
  request('POST','/api/decisions',body).then(function(res){
    history.push(from);showProgress(res.state);
    setStatus('saved: '+res.record.decision+(res.record.label?' → '+res.record.label:'')+(res.record.target&&res.record.target!=='na'?' ('+res.record.target+')':''),'ok');
    return load(res.next);
  }).catch(function(err){setStatus('not saved: '+err.message,'error');}).then(function(){busy=false;});
}
function go(index){if(busy)return;busy=true;load(index).catch(function(err){setStatus(err.message,'error');}).then(function(){busy=false;});}
function back(){if(history.length>0)go(history.pop());else if(current&&current.index>0)go(current.index-1);}
document.addEventListener('keydown',function(ev){
  var t=ev.target;
  if(t&&(t.tagName==='TEXTAREA'||t.tagName==='INPUT')){
    if(ev.key==='Escape'||(ev.key==='Enter'&&!ev.shiftKey)){ev.preventDefault();t.blur();}
    return;
  }
  if(ev.ctrlKey||ev.metaKey||ev.altKey)return;
  var k=ev.key;
  if(k==='?'||k==='h'){ev.preventDefault();toggleHelp();return;}
  if(k==='Escape'){ev.preventDefault();toggleHelp(false);return;}
  for(var j=0;j<TARGET_KEYS.length;j++)if(k===TARGET_KEYS[j][0]){ev.preventDefault();setTarget(TARGET_KEYS[j][1]);return;}
  if(k==='Enter'||k==='a'){ev.preventDefault();decide('accept');return;}
  if(k==='s'){ev.preventDefault();decide('skip');return;}
  if(k==='n'){ev.preventDefault();$('note').focus();return;}
  if(k==='u'||k==='Backspace'){ev.preventDefault();back();return;}
  if(k==='ArrowRight'&&current){ev.preventDefault();go(current.index+1);return;}
  if(k==='ArrowLeft'&&current&&current.index>0){ev.preventDefault();go(current.index-1);return;}
  for(var i=0;i<LABEL_KEYS.length;i++)if(k===LABEL_KEYS[i][0]){ev.preventDefault();decide('relabel',LABEL_KEYS[i][1]);return;}
});
document.querySelectorAll('button[data-target]').forEach(function(b){b.addEventListener('click',function(){setTarget(b.getAttribute('data-target'));});});
$('help-button').addEventListener('click',function(){toggleHelp();});
$('help-close').addEventListener('click',function(){toggleHelp(false);});
document.querySelectorAll('button[data-decision]').forEach(function(b){
  b.addEventListener('click',function(){decide(b.getAttribute('data-decision'),b.getAttribute('data-label')||undefined);});
});
request('GET','/api/state').then(function(state){showProgress(state);return load(state.position);}).catch(function(err){setStatus(err.message,'error');});
})();`;

function labelButtons(): string {
  return LABEL_KEYS.map(
    ([key, label]) => `<button type="button" data-decision="relabel" data-label="${label}"><kbd>${key}</kbd>${label.replace(/_/g, ' ')}</button>`,
  ).join('');
}

function targetButtons(): string {
  return TARGET_KEYS.map(([key, t]) => `<button type="button" data-target="${t}" aria-pressed="false"><kbd>${key}</kbd>${t}</button>`).join('');
}

/** The help panel: the codebook summary, every text escaped. */
export function helpPanel(c: CodebookSummary): string {
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const labels = c.labels
    .map((l, i) => `<h3 id="help-${l.label}"><kbd>${i + 1}</kbd> <code>${escapeHtml(l.label)}</code></h3><p>${escapeHtml(l.means)}</p>${list(l.moves)}`)
    .join('');
  const targets = c.targets.kinds
    .map((k, i) => `<h3 id="help-target-${k.target}"><kbd>${i + 6}</kbd> <code>${escapeHtml(k.target)}</code></h3><p>${escapeHtml(k.means)}</p>`)
    .join('');
  return (
    `<aside id="help" aria-hidden="true" aria-label="codebook"><button type="button" id="help-close"><kbd>Esc</kbd>close</button>` +
    `<h2>Codebook: the labels</h2><p>${escapeHtml(c.unit)}</p>${labels}<h3>Deciding between labels</h3>${list(c.deciding)}` +
    `<h2>Target: whose conduct is at stake</h2><p>${escapeHtml(c.targets.means)}</p>${targets}</aside>`
  );
}

function page(codebook: CodebookSummary): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>spiral review</title><style>${CSS}</style></head><body>
<header><h1>spiral review</h1><span id="who"></span><div><b id="progress">…</b> reviewed <span class="meta" id="counts"></span> <button type="button" id="help-button"><kbd>?</kbd>codebook</button></div></header>
<div id="bar"><div id="bar-fill"></div></div>
<div id="done"><b>Every item of this queue has a decision.</b> Export them with <code>spiral review export RUN --out gold.jsonl</code>; press <kbd>u</kbd> or <kbd>←</kbd> to revisit.</div>
<main id="item">
<div class="meta"><span id="position"></span> · <span id="where"></span></div>
<div class="context" id="before"></div>
<p id="text"></p>
<div class="context" id="after"></div>
<div>proposed: <span id="proposed"></span><span id="margin"></span><span id="flags"></span></div>
<ul id="evidence"></ul>
<div id="previous"></div>
<div id="elsewhere"></div>
<div class="targets">target of a move: ${targetButtons()}</div>
<div class="actions"><button type="button" data-decision="accept"><kbd>Enter</kbd>accept</button>${labelButtons()}<button type="button" data-decision="skip"><kbd>s</kbd>skip</button></div>
<textarea id="note" placeholder="note (press n to write, Enter or Esc to return; saved with the next decision)" maxlength="2000"></textarea>
</main>
<div id="status" role="status"></div>
<div class="keys">Keys: <kbd>Enter</kbd>/<kbd>a</kbd> accept · <kbd>1</kbd>–<kbd>5</kbd> relabel (${LABEL_KEYS.map(([k, l]) => `${k} ${l}`).join(', ')}) · <kbd>6</kbd>–<kbd>8</kbd> target of a move (${TARGET_KEYS.map(([k, t]) => `${k} ${t}`).join(', ')}) · <kbd>s</kbd> skip · <kbd>n</kbd> note · <kbd>u</kbd> back · <kbd>←</kbd>/<kbd>→</kbd> browse · <kbd>?</kbd> codebook</div>
${helpPanel(codebook)}
<script>${SCRIPT}</script>
</body></html>
`;
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

let built: string | undefined;
/** The page (built once: it reads the codebook summary). */
export function reviewPage(): string {
  built ??= page(codebookSummary());
  return built;
}

/** Only this page's style and script, requests only to its own origin. */
export const REVIEW_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${sha256Base64(SCRIPT)}'`,
  `style-src 'sha256-${sha256Base64(CSS)}'`,
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
