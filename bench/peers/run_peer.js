#!/usr/bin/env node
// Times one peer extractor on the documents listed in a file (one path a line).
//   node run_peer.js PEER LIST_FILE [--max-mb X] [--paragraphs]
// PEER: wink | compromise | recognizers. Models and rules are built once,
// before the clock starts; then each document is run through the peer:
//   wink        numeric entities (CARDINAL, MONEY, PERCENT, DATE, ...); the lite model has no person/org NER
//   compromise  numbers, percentages, money, people, organizations, places
//   recognizers numbers, percentages, currency (Recognizers-Text models), paragraph by paragraph
// Prints one JSON line: {peer, documents, bytes, entities, wall_s, cpu_s}.
'use strict';
const fs = require('fs');
const path = require('path');

const peersDir = path.join(__dirname, '..', '.peers', 'node_modules');
const need = (name) => require(path.join(peersDir, name));

function makePeer(name) {
  if (name === 'wink') {
    const winkNLP = need('wink-nlp');
    const model = need('wink-eng-lite-web-model');
    const nlp = winkNLP(model);
    const its = nlp.its;
    return (text) => nlp.readDoc(text).entities().out(its.detail).length;
  }
  if (name === 'compromise') {
    const m = need('compromise');
    const nlp = m.default || m;
    return (text) => {
      const doc = nlp(text);
      return doc.numbers().length + doc.percentages().length + doc.money().length +
             doc.people().length + doc.organizations().length + doc.places().length;
    };
  }
  if (name === 'recognizers') {
    const num = need('@microsoft/recognizers-text-number');
    const unit = need('@microsoft/recognizers-text-number-with-unit');
    const culture = num.Culture.English;
    const numbers = new num.NumberRecognizer(culture);
    const units = new unit.NumberWithUnitRecognizer(culture);
    const models = [numbers.getNumberModel(), numbers.getPercentageModel(), units.getCurrencyModel()];
    // The models are built for short utterances: feed them a paragraph at a time.
    return (text) => {
      let n = 0;
      for (const paragraph of text.split(/\n\s*\n/)) {
        if (!paragraph.trim()) continue;
        for (const m of models) n += m.parse(paragraph).length;
      }
      return n;
    };
  }
  throw new Error(`unknown peer ${name} (wink | compromise | recognizers)`);
}

function main() {
  const args = process.argv.slice(2);
  if (args.length < 2) {
    console.error('usage: run_peer.js PEER LIST_FILE [--max-mb X]');
    process.exit(2);
  }
  const [peer, listFile] = args;
  const maxIdx = args.indexOf('--max-mb');
  const maxBytes = maxIdx >= 0 ? parseFloat(args[maxIdx + 1]) * 1e6 : Infinity;
  const paths = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const run = makePeer(peer);
  // Read first: file I/O is not what is measured.
  const docs = [];
  let bytes = 0;
  for (const p of paths) {
    if (bytes >= maxBytes) break;
    const buf = fs.readFileSync(p);
    docs.push(buf.toString('utf8'));
    bytes += buf.length;
  }
  run('Warm up the peer on a short text of 2.5% and $3 million.');
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let entities = 0;
  for (const d of docs) entities += run(d);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({peer, documents: docs.length, bytes, entities, wall_s: wall,
                              cpu_s: (cpu.user + cpu.system) / 1e6}));
}

main();
