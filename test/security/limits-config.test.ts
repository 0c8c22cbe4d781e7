import { ConfigError, loadConfig } from '../../src/config/config';

describe('limit settings in the config module', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.queryLimits).toEqual({
      maxDepth: 8,
      maxAliases: 15,
      maxDirectives: 10,
      maxTokens: 2000,
      maxCost: 10_000,
    });
    expect(config.rateLimits).toEqual({ windowMs: 60_000, mutations: 60, renders: 30 });
    expect(config.trustProxy).toBe(false);
  });

  it('reads each variable', () => {
    const config = loadConfig({
      SITREP_GRAPHQL_MAX_DEPTH: '5',
      SITREP_GRAPHQL_MAX_ALIASES: '0',
      SITREP_GRAPHQL_MAX_DIRECTIVES: '3',
      SITREP_GRAPHQL_MAX_TOKENS: '500',
      SITREP_GRAPHQL_MAX_COST: '2500',
      SITREP_RATE_LIMIT_WINDOW_MS: '1000',
      SITREP_RATE_LIMIT_MUTATIONS: '0',
      SITREP_RATE_LIMIT_RENDERS: '7',
      SITREP_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    expect(config.queryLimits).toEqual({ maxDepth: 5, maxAliases: 0, maxDirectives: 3, maxTokens: 500, maxCost: 2500 });
    expect(config.rateLimits).toEqual({ windowMs: 1000, mutations: 0, renders: 7 });
    expect(config.trustProxy).toBe('10.0.0.0/8,127.0.0.1');
  });

  it('takes SITREP_TRUST_PROXY as a boolean or a number of hops', () => {
    expect(loadConfig({ SITREP_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    const hops = loadConfig({ SITREP_TRUST_PROXY: '2' }).trustProxy as (address: string, hop: number) => boolean;
    expect([hops('x', 0), hops('x', 1), hops('x', 2)]).toEqual([true, true, false]);
  });

  it.each([
    ['SITREP_GRAPHQL_MAX_DEPTH', '0'],
    ['SITREP_GRAPHQL_MAX_DEPTH', 'eight'],
    ['SITREP_GRAPHQL_MAX_ALIASES', '-1'],
    ['SITREP_GRAPHQL_MAX_DIRECTIVES', '1.5'],
    ['SITREP_GRAPHQL_MAX_TOKENS', '0'],
    ['SITREP_GRAPHQL_MAX_COST', '1e4'],
    ['SITREP_RATE_LIMIT_WINDOW_MS', '0'],
    ['SITREP_RATE_LIMIT_MUTATIONS', 'lots'],
    ['SITREP_RATE_LIMIT_RENDERS', '-5'],
    ['SITREP_TRUST_PROXY', 'maybe'],
    ['SITREP_TRUST_PROXY', '10.0.0.0/33'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });
});
