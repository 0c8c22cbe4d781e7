import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderTemplate, TemplateRegistry } from '../../src/output/templates';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';

/**
 * The known Handlebars prototype-pollution and code-execution payloads, written as templates (not data): a
 * temporary templates folder holds one template per payload, and each is rendered through a TemplateRegistry
 * over that folder, exactly as a template an operator installed would be. Whatever each does (render inert
 * output, or fail with a template error), nothing may change: no prototype gains or loses a property, no code
 * runs (neither a global flag nor a marker file appears), and no output shows a function or native code.
 */

const MARKER = path.join(os.tmpdir(), `sitrep-pwned-${process.pid}`);
const code = `globalThis.sitrepPwned = true; require('fs').writeFileSync(${JSON.stringify(MARKER)}, 'x'); return 1`;

const PAYLOADS: Record<string, string> = {
  'constructor-constructor': '{{constructor.constructor}}',
  'constructor-call': `{{constructor.constructor "${code.replace(/"/g, '\\"')}"}}`,
  'with-constructor': '{{#with "constructor"}}{{this}}{{/with}}',
  'with-constructor-lookup': '{{#with "constructor"}}{{lookup ../this this}}{{/with}}',
  'lookup-proto': "{{lookup this '__proto__'}}",
  'lookup-proto-chain': "{{#with (lookup this '__proto__')}}{{lookup this 'constructor'}}{{/with}}",
  'lookup-constructor-twice': "{{lookup (lookup this 'constructor') 'constructor'}}",
  'proto-plain': '{{__proto__}}',
  'proto-path': '{{__proto__.constructor.name}}',
  'define-getter': "{{lookup this '__defineGetter__'}}{{__defineGetter__}}",
  'prototype-of-title': '{{title.constructor.prototype}}{{title.__proto__.toString}}',
  'each-sections-constructor': '{{#each sections}}{{constructor.constructor}}{{this.constructor}}{{/each}}',
  // The published RCE chain for Handlebars before 4.0.14 / 4.5.3 (string.sub.apply with a Function built from "constructor").
  'split-apply-rce': `{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "${code.replace(/"/g, '\\"')}"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}`,
  'proto-assignment-via-with': "{{#with __proto__ as |p|}}{{#with (lookup p 'polluted')}}{{this}}{{/with}}{{/with}}",
};

/** A property name we would see on every object if a payload polluted Object.prototype. */
const snapshotPrototypes = (): string =>
  JSON.stringify(
    [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype].map((p) =>
      Object.getOwnPropertyNames(p).sort(),
    ),
  );

type Outcome = 'refused at load' | 'template error' | 'rendered';

describe('prototype pollution through the template path', () => {
  let dir: string;
  let registry: TemplateRegistry;
  const before = snapshotPrototypes();
  const outcomes: Record<string, Outcome> = {};

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-hostile-templates-'));
    fs.mkdirSync(path.join(dir, 'inert', 'fronts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'inert', 'fronts', 'generic.hbs'), '<h2>{{front.name}}</h2>');
    fs.writeFileSync(path.join(dir, 'layout.hbs'), '<main>{{#each sections}}{{> fronts/generic}}{{/each}}</main>\n');
    const entries = Object.entries(PAYLOADS).flatMap(([name, source], i) => {
      // As the layout…
      fs.writeFileSync(
        path.join(dir, `${name}.hbs`),
        `<p>${source}</p>\n{{#each sections}}{{> fronts/generic}}{{/each}}\n`,
      );
      // …and as the front partial every section renders (one folder each, so one refused payload breaks no other).
      fs.mkdirSync(path.join(dir, `partial-${name}`, 'fronts'), { recursive: true });
      fs.writeFileSync(path.join(dir, `partial-${name}`, 'fronts', 'generic.hbs'), `<section>${source}</section>`);
      return [
        {
          name,
          format: 'HTML',
          default: i === 0,
          description: `payload ${name} in the layout`,
          layout: `${name}.hbs`,
          partials: ['inert'],
        },
        {
          name: `${name}-partial`,
          format: 'HTML',
          description: `payload ${name} in a partial`,
          layout: 'layout.hbs',
          partials: [`partial-${name}`],
        },
      ];
    });
    fs.writeFileSync(path.join(dir, 'templates.json'), JSON.stringify({ templates: entries }));
    registry = new TemplateRegistry({ templatesDir: dir, watch: false });
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(MARKER, { force: true });
    // For the report: how each payload was stopped.
    process.stdout.write(`prototype-pollution outcomes: ${JSON.stringify(outcomes)}\n`);
  });

  const names = Object.keys(PAYLOADS).flatMap((name) => [name, `${name}-partial`]);

  it.each(names)('%s has no effect', (name) => {
    let body = '';
    let outcome: Outcome = 'rendered';
    try {
      registry.get(name);
    } catch (error) {
      // knownHelpersOnly refuses a call of anything but the registered helpers when the template is loaded.
      expect(String((error as Error).message)).toMatch(/knownHelpersOnly|unknown helper|Parse error/);
      outcome = 'refused at load';
    }
    if (outcome === 'rendered') {
      try {
        body = renderTemplate(registry, briefing20251115(), 'HTML', name).body;
      } catch (error) {
        // Strict mode refuses a missing name, and prototype access is off, so `constructor` is missing.
        expect(error).toBeInstanceOf(Error);
        outcome = 'template error';
      }
    }
    outcomes[name] = outcome;
    // Nothing may have run or changed, whatever the outcome.
    expect((globalThis as { sitrepPwned?: unknown }).sitrepPwned).toBeUndefined();
    expect(fs.existsSync(MARKER)).toBe(false);
    expect(snapshotPrototypes()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(body).not.toMatch(/function|native code|\[object Object\]|prototype/i);
  });

  it('most payloads get as far as rendering, so the runtime protections are what is tested', () => {
    const rendered = Object.values(outcomes).filter((o) => o !== 'refused at load').length;
    expect(rendered).toBeGreaterThanOrEqual(names.length / 2);
  });
});
