// The dashboard page: lists the runs, follows the ticked ones over server-sent events, draws them.
import { drawCharts, drawnPoints, resizeCharts } from './charts.js';
import { el, replaceChildren } from './dom.js';
import { drawClasses, drawConfig, drawLists, drawPictures, drawProgress } from './panels.js';
import { applyEvent, emptyRun } from './run-state.js';

const runs = new Map(); // id → { state, source, info, lastEventId }
let listed = [];
const selected = new URLSearchParams(location.search).getAll('run');
const statusLine = document.getElementById('status');
const base = (id) => `/api/runs/${encodeURIComponent(id)}`;

let drawPending = false;
function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  setTimeout(() => {
    drawPending = false;
    draw();
  }, 50);
}

function draw() {
  const shown = selected.map((id) => runs.get(id)).filter(Boolean);
  drawCharts(shown.map((r) => r.state));
  const focus = shown[0];
  if (!focus) return;
  drawProgress(focus.state, focus.info);
  drawClasses(focus.state);
  drawPictures(focus.state, base(focus.state.id));
  drawLists(focus.state);
  drawConfig(focus.info);
  const states = shown.map(
    (r) =>
      `${r.state.id}: ${r.state.ended ?? (!r.connected ? 'reconnecting…' : r.state.done ? 'finished' : 'following')}`,
  );
  statusLine.textContent = states.join(' · ');
}

async function loadInfo(run) {
  const response = await fetch(`${base(run.state.id)}/info`);
  if (response.ok) run.info = await response.json();
  scheduleDraw();
}

function connect(run) {
  const query = run.lastEventId ? `?lastEventId=${encodeURIComponent(run.lastEventId)}` : '';
  const source = new EventSource(`${base(run.state.id)}/events${query}`);
  run.source = source;
  const remember = (message) => {
    if (message.lastEventId) run.lastEventId = message.lastEventId;
  };
  source.onopen = () => {
    run.connected = true;
    scheduleDraw();
  };
  source.onmessage = (message) => {
    remember(message);
    const event = JSON.parse(message.data);
    applyEvent(run.state, event);
    if (event.kind === 'checkpoint' || event.kind === 'done') loadInfo(run);
    scheduleDraw();
  };
  source.addEventListener('problem', (message) => {
    remember(message);
    run.state.problems.push(JSON.parse(message.data).message);
    scheduleDraw();
  });
  source.addEventListener('dropped', (message) => {
    run.state.dropped += JSON.parse(message.data).dropped;
    scheduleDraw();
  });
  source.addEventListener('reset', () => {
    run.state = emptyRun(run.state.id);
    run.lastEventId = undefined;
    scheduleDraw();
  });
  source.addEventListener('ended', (message) => {
    run.state.ended = JSON.parse(message.data).reason;
    source.close();
    scheduleDraw();
  });
  source.onerror = () => {
    run.connected = false;
    scheduleDraw();
    // The browser retries by itself unless the server answered with an error; then try again, resuming.
    if (source.readyState === EventSource.CLOSED && !run.state.ended && runs.get(run.state.id) === run)
      setTimeout(() => connect(run), 1000);
  };
}

function follow(id) {
  if (runs.has(id)) return;
  const run = { state: emptyRun(id), source: null, info: null, lastEventId: undefined, connected: false };
  runs.set(id, run);
  connect(run);
  loadInfo(run).catch(() => undefined);
}

function unfollow(id) {
  runs.get(id)?.source?.close();
  runs.delete(id);
}

function toggle(id, on) {
  const at = selected.indexOf(id);
  if (on && at === -1) selected.push(id);
  if (!on && at !== -1) selected.splice(at, 1);
  if (on) follow(id);
  else unfollow(id);
  const query = new URLSearchParams(selected.map((s) => ['run', s]));
  history.replaceState(null, '', `${location.pathname}?${query}`);
  drawRunList();
  scheduleDraw();
}

function drawRunList() {
  const items = listed.map((run) => {
    const box = el('input', undefined, { type: 'checkbox', 'data-run': run.id });
    box.checked = selected.includes(run.id);
    box.addEventListener('change', () => toggle(run.id, box.checked));
    const label = el('label');
    label.append(box, document.createTextNode(` ${run.id}${run.live ? ' (live)' : ''}`));
    const item = el('li', undefined, selected[0] === run.id ? { class: 'current' } : {});
    item.append(label);
    return item;
  });
  replaceChildren(
    document.getElementById('run-list'),
    items.length ? items : [el('li', 'no runs (folders with an events.jsonl)')],
  );
}

async function refreshRuns() {
  try {
    const response = await fetch('/api/runs');
    if (!response.ok) return;
    listed = await response.json();
    if (selected.length === 0 && listed.length > 0) selected.push(listed[0].id);
    for (const id of selected) follow(id);
    drawRunList();
    scheduleDraw();
  } catch {
    // The server is restarting; the next refresh will find it.
  }
}

window.addEventListener('resize', resizeCharts);
// Read-only views of what the page holds and draws, for tests.
window.rxtrainDashboard = { runs: () => Object.fromEntries([...runs].map(([id, r]) => [id, r.state])), drawnPoints };
await refreshRuns();
setInterval(refreshRuns, 3000);
