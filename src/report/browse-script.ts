// The report's one script: unpack the embedded utterances, filter them by
// country, period, label, target, rule, flag and speaker, search them (key
// words in context, with the very functions `spiral kwic` uses), show them with
// their evidence coloured by category, export any view as CSV (a Blob, saved by
// the browser; nothing leaves the machine), and follow links from the charts
// (#browse?country=KEN&period=1985-1989&label=denial).
//
// Statements reach the page as data and go into the DOM with textContent,
// never as markup. Plain ES2017, no library.
import { wordSpans } from '../aggregate/words.js';
import { compileKwicPattern, kwicMatches } from '../kwic/core.js';

/** Sentences (or key-word rows) shown at a time; "show more" adds as many. */
export const BROWSE_PAGE = 100;

/** Words of context in the search view (quanteda's default window). */
export const BROWSE_WINDOW = 5;

const KWIC_FUNCTIONS = [wordSpans, compileKwicPattern, kwicMatches].map((f) => String(f)).join('\n');

export const BROWSE_SCRIPT = `(function(){'use strict';
var __name=function(f){return f;};
${KWIC_FUNCTIONS}
var PAGE=${BROWSE_PAGE},WINDOW=${BROWSE_WINDOW},FILTERS=['country','period','relevant','label','target','rule','flag','role'];
var started=performance.now();
function $(id){return document.getElementById(id);}
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined)e.textContent=text;return e;}
var status=$('b-status');
if(typeof DecompressionStream==='undefined'){status.textContent='This browser cannot unpack the utterances (no DecompressionStream): open the report in a current Chrome, Edge, Firefox or Safari.';return;}
var b64=$('browse-data').textContent.trim(),bin=atob(b64),bytes=new Uint8Array(bin.length);
for(var i=0;i<bin.length;i++)bytes[i]=bin.charCodeAt(i);
new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).text().then(function(t){init(JSON.parse(t));}).catch(function(err){status.textContent='The utterances could not be read: '+err;});

function init(D){
var U=D.u,N=U.text.length,P=D.period;
var country=new Array(N),year=new Array(N),period=new Array(N);
function periodOf(y){if(y===null||y===undefined)return '';var s=Math.floor(y/P)*P;return P===1?String(s):s+'-'+(s+P-1);}
for(var i=0;i<N;i++){var d=U.doc[i];country[i]=D.docs.country[d];year[i]=D.docs.year[d];period[i]=periodOf(year[i]);}
function uid(i){return D.docs.id[U.doc[i]]+':'+U.n[i];}
function targetOf(i){return U.target&&U.target[i]>=0?D.targets[U.target[i]]:'';}
function flagsOf(i){var out=[];for(var b=0;b<D.flags.length;b++)if(U.flags[i]&(1<<b))out.push(D.flags[b]);return out;}
function rulesOf(i){var e=U.evidence[i],out=[];for(var k=0;k<e.length;k+=4){var r=D.rules[e[k+2]];if(out.indexOf(r)<0)out.push(r);}return out;}
function uniq(list){var seen={},out=[];list.forEach(function(v){if(v!==''&&!seen[v]){seen[v]=1;out.push(v);}});return out;}
function fill(id,values,names){var s=$(id);values.forEach(function(v){var o=el('option','',names?names(v):v);o.value=v;s.appendChild(o);});}
fill('b-country',uniq(country).sort());
fill('b-period',uniq(period).sort(function(a,b){return parseInt(a,10)-parseInt(b,10);}));
fill('b-relevant',['yes','no'],function(v){return v==='yes'?'relevant only':'not relevant';});
fill('b-label',D.labels.slice());
if(U.target)fill('b-target',D.targets.slice());else $('b-target-box').hidden=true;
fill('b-rule',D.rules.slice().sort());
fill('b-flag',D.flags.slice());
fill('b-role',D.roles.slice());
var state={q:'',id:'',shown:PAGE},view={rows:[],kwic:null};
function sel(name){return $('b-'+name).value;}
function passes(i,f){
 if(f.id&&uid(i)!==f.id)return false;
 if(f.country&&country[i]!==f.country)return false;
 if(f.period&&period[i]!==f.period)return false;
 if(f.relevant&&(f.relevant==='yes')!==(U.relevant[i]===1))return false;
 if(f.label&&D.labels[U.label[i]]!==f.label)return false;
 if(f.target&&targetOf(i)!==f.target)return false;
 if(f.flag&&!(U.flags[i]&(1<<D.flags.indexOf(f.flag))))return false;
 if(f.role&&D.roles[U.role[i]]!==f.role)return false;
 if(f.rule){var e=U.evidence[i],r=D.rules.indexOf(f.rule),hit=false;for(var k=0;k<e.length;k+=4)if(e[k+2]===r)hit=true;if(!hit)return false;}
 return true;}
function current(){var f={id:state.id};FILTERS.forEach(function(n){f[n]=sel(n);});return f;}
function apply(keepShown){
 var f=current(),rows=[],kwic=null,pattern=state.q.trim()?compileKwicPattern(state.q):null;
 if(pattern)kwic=[];
 for(var i=0;i<N;i++){if(!passes(i,f))continue;
  if(pattern){var t=U.text[i],m=kwicMatches(t,wordSpans(t),pattern,WINDOW);if(m.length===0)continue;m.forEach(function(x){kwic.push({i:i,pre:t.slice(x.preStart,x.start).trim(),kw:t.slice(x.start,x.end),post:t.slice(x.end,x.postEnd).trim()});});}
  rows.push(i);}
 view={rows:rows,kwic:kwic};if(!keepShown)state.shown=PAGE;render();writeHash();}
function mark(i){
 var t=U.text[i],e=U.evidence[i],cuts=[0,t.length],p=el('p','text');
 for(var k=0;k<e.length;k+=4){cuts.push(e[k],e[k+1]);}
 cuts=uniq(cuts.map(String)).map(Number).sort(function(a,b){return a-b;});
 if(cuts[0]!==0)cuts.unshift(0);
 for(var c=0;c+1<cuts.length;c++){var from=cuts[c],to=cuts[c+1],cover=[];
  for(k=0;k<e.length;k+=4)if(e[k]<=from&&e[k+1]>=to)cover.push(k);
  if(cover.length===0){p.appendChild(document.createTextNode(t.slice(from,to)));continue;}
  var cat=D.categories[e[cover[cover.length-1]+3]>>1]||'',weak=cover.every(function(k){return e[k+3]&1;});
  var m=el('mark','ev ev-'+cat.replace(/[^a-z_]/g,'')+(weak?' weak':''),t.slice(from,to));
  m.title=cover.map(function(k){var c2=D.categories[e[k+3]>>1];return D.rules[e[k+2]]+' ('+c2+((e[k+3]&1)?', negated or dropped':'')+')';}).join('; ');
  p.appendChild(m);}
 return p;}
function meta(i){
 var m=el('div','meta'),lab=D.labels[U.label[i]];
 m.appendChild(el('span','label lab-'+lab,lab));
 var parts=[];if(U.confidence[i]>=0)parts.push(U.confidence[i]+'%');
 parts.push(country[i]||'no country',year[i]===null?'no year':String(year[i]));
 var tg=targetOf(i);if(tg)parts.push('target '+tg);
 if(D.roles[U.role[i]]!=='self')parts.push('speaker '+D.roles[U.role[i]]);
 m.appendChild(document.createTextNode(' · '+parts.join(' · ')+' · '));
 flagsOf(i).forEach(function(f){m.appendChild(el('span','flag',f));});
 m.appendChild(el('code','',uid(i)));
 return m;}
function article(i){var a=el('article','utt');a.setAttribute('data-id',uid(i));a.setAttribute('data-label',D.labels[U.label[i]]);a.appendChild(meta(i));a.appendChild(mark(i));return a;}
function kwicRow(r){var tr=el('tr');var id=el('td','kw-id');var a=el('a','',uid(r.i));a.href='#browse?id='+encodeURIComponent(uid(r.i));id.appendChild(a);tr.appendChild(id);
 tr.appendChild(el('td','',(country[r.i]||'')+' '+(year[r.i]===null?'':year[r.i])));tr.appendChild(el('td','',D.labels[U.label[r.i]]));
 tr.appendChild(el('td','pre',r.pre));tr.appendChild(el('td','kw',r.kw));tr.appendChild(el('td','post',r.post));return tr;}
function render(){
 var list=$('b-list'),table=$('b-kwic'),body=table.querySelector('tbody');list.textContent='';body.textContent='';
 var total=view.kwic?view.kwic.length:view.rows.length;
 if(view.kwic){table.hidden=false;view.kwic.slice(0,state.shown).forEach(function(r){body.appendChild(kwicRow(r));});}
 else{table.hidden=true;view.rows.slice(0,state.shown).forEach(function(i){list.appendChild(article(i));});}
 $('b-count').textContent=view.kwic?(total+' matches in '+view.rows.length+' utterances'):(view.rows.length+' utterances');
 $('b-more').hidden=state.shown>=total;
 if(total===0)list.appendChild(el('p','muted','No utterance matches these filters.'));}
function field(v){v=v===null||v===undefined?'':String(v);return /[",\\r\\n]/.test(v)?'"'+v.replace(/"/g,'""')+'"':v;}
function csv(){
 var lines;
 if(view.kwic){lines=[['id','country','year','label','target','pre','keyword','post']].concat(view.kwic.map(function(r){return [uid(r.i),country[r.i],year[r.i],D.labels[U.label[r.i]],targetOf(r.i),r.pre,r.kw,r.post];}));}
 else{lines=[['id','doc','country','year','period','label','target','confidence','speaker_role','rules','review_flags','text']].concat(view.rows.map(function(i){return [uid(i),D.docs.id[U.doc[i]],country[i],year[i],period[i],D.labels[U.label[i]],targetOf(i),U.confidence[i]>=0?U.confidence[i]/100:'',D.roles[U.role[i]],rulesOf(i).join(';'),flagsOf(i).join(';'),U.text[i]];}));}
 return lines.map(function(r){return r.map(field).join(',');}).join('\\n')+'\\n';}
function download(){
 var f=current(),name=['spiral'].concat(FILTERS.map(function(n){return f[n];}).filter(Boolean),state.q?['search',state.q]:[]).join('-').replace(/[^A-Za-z0-9._-]+/g,'_')+'.csv';
 var url=URL.createObjectURL(new Blob([csv()],{type:'text/csv;charset=utf-8'}));
 var a=el('a');a.href=url;a.download=name;document.body.appendChild(a);a.click();a.remove();setTimeout(function(){URL.revokeObjectURL(url);},10000);}
function writeHash(){var f=current(),parts=[];FILTERS.forEach(function(n){if(f[n])parts.push(n+'='+encodeURIComponent(f[n]));});if(state.q)parts.push('q='+encodeURIComponent(state.q));if(state.id)parts.push('id='+encodeURIComponent(state.id));
 var h='#browse'+(parts.length?'?'+parts.join('&'):'');if(location.hash!==h&&(location.hash.indexOf('#browse')===0||parts.length))history.replaceState(null,'',h);}
function readHash(scroll){
 if(location.hash.indexOf('#browse')!==0)return false;
 var q=location.hash.split('?')[1]||'',p={};q.split('&').forEach(function(kv){if(!kv)return;var j=kv.indexOf('=');p[decodeURIComponent(kv.slice(0,j))]=decodeURIComponent(kv.slice(j+1));});
 FILTERS.forEach(function(n){var s=$('b-'+n),v=p[n]||'';if(v&&!Array.prototype.some.call(s.options,function(o){return o.value===v;})){var o=el('option','',v);o.value=v;s.appendChild(o);}s.value=v;});
 state.q=p.q||'';$('b-search').value=state.q;state.id=p.id||'';$('b-id').hidden=!state.id;$('b-id-text').textContent=state.id;
 apply(false);if(scroll)$('browse').scrollIntoView();return true;}
FILTERS.forEach(function(n){$('b-'+n).addEventListener('change',function(){state.id='';$('b-id').hidden=true;apply(false);});});
var typing=null;$('b-search').addEventListener('input',function(){clearTimeout(typing);typing=setTimeout(function(){state.q=$('b-search').value;apply(false);},200);});
$('b-search').addEventListener('keydown',function(ev){if(ev.key==='Enter'){clearTimeout(typing);state.q=$('b-search').value;apply(false);}});
$('b-more').addEventListener('click',function(){state.shown+=PAGE;render();});
$('b-csv').addEventListener('click',download);
$('b-reset').addEventListener('click',function(){FILTERS.forEach(function(n){$('b-'+n).value='';});state.q='';state.id='';$('b-search').value='';$('b-id').hidden=true;apply(false);});
window.addEventListener('hashchange',function(){readHash(true);});
if(!readHash(true))apply(false);
status.textContent=N+' utterances'+(D.held<D.total?' (of '+D.total+' in the run: all relevant and flagged ones, and the first others)':'')+'; loaded in '+Math.round(performance.now()-started)+' ms.';
document.body.setAttribute('data-browse-ready',String(Math.round(performance.now())));
}
})();`;
