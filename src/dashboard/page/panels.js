// Everything besides the curves: progress, per-class tables, pictures, notices, configuration.
import { duration, el, percent, replaceChildren } from './dom.js';
import { latestValidation, remaining } from './run-state.js';

const $ = (id) => document.getElementById(id);

function fact(name, value) {
  const row = el('div');
  row.append(el('dt', name), el('dd', value));
  return row;
}

export function drawProgress(run, info) {
  const epochs = info?.config?.epochs;
  const s = run.lastStep;
  $('run-title').textContent = run.id;
  const facts = [];
  if (s) {
    const epochText = Number.isInteger(epochs) ? `${s.epoch + 1} / ${epochs}` : String(s.epoch + 1);
    const left = remaining(run, epochs);
    facts.push(fact('epoch', epochText), fact('iteration', `${s.iteration} / ${s.iterations}`), fact('step', s.step));
    facts.push(fact('loss', s.loss.toFixed(4)), fact('accuracy', percent(s.accuracy)), fact('lr', s.lr.toPrecision(3)));
    facts.push(fact('images/s', s.imagesPerSecond.toFixed(1)), fact('ETA epoch', duration(left.epoch)));
    if (left.run !== undefined) facts.push(fact('ETA run', duration(left.run)));
    const done = Number.isInteger(epochs)
      ? (s.epoch + s.iteration / s.iterations) / epochs
      : s.iteration / s.iterations;
    $('bar-fill').style.width = `${Math.min(100, 100 * (run.done ? 1 : done)).toFixed(1)}%`;
  }
  if (run.validating) facts.push(fact('validating', `batch ${run.validating.batch} / ${run.validating.batches}`));
  const best = run.validations.reduce((m, v) => Math.max(m, v.accuracy), -Infinity);
  if (Number.isFinite(best)) facts.push(fact('best validation', percent(best)));
  if (run.done)
    facts.push(
      fact(
        'finished',
        `${run.done.epochs} epochs, ${run.done.steps} steps${run.done.stoppedEarly ? ` (stopped early: ${run.done.stoppedEarly.reason})` : ''}`,
      ),
    );
  if (run.dropped > 0) facts.push(fact('not drawn', `${run.dropped} step points (slow connection)`));
  replaceChildren($('progress-facts'), facts);
}

export function drawClasses(run) {
  const v = latestValidation(run);
  if (!v) {
    replaceChildren($('per-class'), [el('caption', 'after the first validation')]);
    replaceChildren($('confusion'), []);
    return;
  }
  const head = el('tr');
  head.append(el('th', 'class'), el('th', `accuracy (epoch ${v.epoch + 1})`));
  const rows = v.classes.map((name, i) => {
    const row = el('tr');
    row.append(el('th', name), el('td', percent(v.perClass[i])));
    return row;
  });
  replaceChildren($('per-class'), [head, ...rows]);
  if (!v.confusion) return replaceChildren($('confusion'), [el('caption', 'not in this run’s validation events')]);
  const top = el('tr');
  top.append(el('th', ''), ...v.classes.map((name) => el('th', name)));
  const max = Math.max(1, ...v.confusion.flat());
  const matrix = v.confusion.map((counts, label) => {
    const row = el('tr');
    row.append(el('th', v.classes[label] ?? String(label)));
    for (const count of counts) {
      const cell = el('td', count);
      cell.style.backgroundColor = `rgba(47, 111, 214, ${(0.6 * count) / max})`;
      row.append(cell);
    }
    return row;
  });
  replaceChildren($('confusion'), [top, ...matrix]);
}

export function drawPictures(run, base) {
  for (const [name, field] of [
    ['kernels', 'firstLayerKernels'],
    ['feature-maps', 'firstLayerFeatureMaps'],
  ]) {
    const picture = run.done?.[field];
    const img = $(name);
    const src = picture ? `${base}/pictures/${name}.png?steps=${run.done.steps}` : '';
    if (picture && img.getAttribute('src') !== src) img.src = src;
    img.hidden = !picture;
    $(`${name}-none`).hidden = Boolean(picture);
    if (name === 'feature-maps' && picture)
      $('feature-maps-caption').textContent = `First-layer feature maps of ${picture.path}`;
  }
}

export function drawLists(run) {
  const notices = [
    ...run.notices.map((m) => el('li', m)),
    ...run.problems.map((m) => el('li', m, { class: 'problem' })),
  ];
  replaceChildren($('notices'), notices.length ? notices : [el('li', 'none')]);
  const skipped = run.skipped.map((s) => el('li', `${s.path}: ${s.reason}`));
  replaceChildren($('skipped'), skipped.length ? skipped : [el('li', 'none')]);
}

export function drawConfig(info) {
  $('config').textContent =
    info?.config === undefined
      ? 'not recorded (a run’s configuration is in its checkpoints)'
      : JSON.stringify(info.config, null, 2);
  $('backend').textContent = info?.backend
    ? `backend: ${info.backend}`
    : info?.config?.backend
      ? `backend asked for: ${info.config.backend}`
      : '';
}
