// The review page: one HTML document with inline CSS and JS, served by the
// review server. Statements reach the page only as JSON and are put into the
// DOM with textContent, never as markup; the CSP allows only this page's own
// style and script (by hash) and requests to its own server.
import { createHash } from 'node:crypto';
import { LABELS } from '../types.js';

/** Keys 1–5 relabel, in the codebook's label order. */
export const LABEL_KEYS: ReadonlyArray<readonly [string, (typeof LABELS)[number]]> = LABELS.map((label, i) => [String(i + 1), label] as const);

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
`;

const SCRIPT = `(function(){'use strict';
var LABEL_KEYS=${JSON.stringify(LABEL_KEYS)};
var current=null,busy=false,history=[];
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
  $('proposed').textContent=item.label+(item.confidence===null?'':' ('+Math.round(item.confidence*100)+'%)');
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
  var note=$('note').value;if(note.trim())body.note=note;
  var from=current.index;
  request('POST','/api/decisions',body).then(function(res){
    history.push(from);showProgress(res.state);
    setStatus('saved: '+res.record.decision+(res.record.label?' → '+res.record.label:''),'ok');
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
  if(k==='Enter'||k==='a'){ev.preventDefault();decide('accept');return;}
  if(k==='s'){ev.preventDefault();decide('skip');return;}
  if(k==='n'){ev.preventDefault();$('note').focus();return;}
  if(k==='u'||k==='Backspace'){ev.preventDefault();back();return;}
  if(k==='ArrowRight'&&current){ev.preventDefault();go(current.index+1);return;}
  if(k==='ArrowLeft'&&current&&current.index>0){ev.preventDefault();go(current.index-1);return;}
  for(var i=0;i<LABEL_KEYS.length;i++)if(k===LABEL_KEYS[i][0]){ev.preventDefault();decide('relabel',LABEL_KEYS[i][1]);return;}
});
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

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>spiral review</title><style>${CSS}</style></head><body>
<header><h1>spiral review</h1><div><b id="progress">…</b> reviewed <span class="meta" id="counts"></span></div></header>
<div id="bar"><div id="bar-fill"></div></div>
<div id="done"><b>Every flagged utterance has a decision.</b> Export them with <code>spiral review export RUN --out gold.jsonl</code>; press <kbd>u</kbd> or <kbd>←</kbd> to revisit.</div>
<main id="item">
<div class="meta"><span id="position"></span> · <span id="where"></span></div>
<div class="context" id="before"></div>
<p id="text"></p>
<div class="context" id="after"></div>
<div>proposed: <span id="proposed"></span><span id="flags"></span></div>
<ul id="evidence"></ul>
<div id="previous"></div>
<div class="actions"><button type="button" data-decision="accept"><kbd>Enter</kbd>accept</button>${labelButtons()}<button type="button" data-decision="skip"><kbd>s</kbd>skip</button></div>
<textarea id="note" placeholder="note (press n to write, Enter or Esc to return; saved with the next decision)" maxlength="2000"></textarea>
</main>
<div id="status" role="status"></div>
<div class="keys">Keys: <kbd>Enter</kbd>/<kbd>a</kbd> accept · <kbd>1</kbd>–<kbd>5</kbd> relabel (${LABEL_KEYS.map(([k, l]) => `${k} ${l}`).join(', ')}) · <kbd>s</kbd> skip · <kbd>n</kbd> note · <kbd>u</kbd> back · <kbd>←</kbd>/<kbd>→</kbd> browse</div>
<script>${SCRIPT}</script>
</body></html>
`;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

export const REVIEW_PAGE = HTML;

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
