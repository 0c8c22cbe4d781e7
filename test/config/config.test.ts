import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { originAllowed, parseOrigin } from '../../src/config/origins';

describe('configuration from the environment', () => {
  it('defaults to an embedded SQLite file under ./data, port 4000', () => {
    const config = loadConfig({}, '/srv/sitrep');
    expect(config.database).toEqual({ type: 'sqlite', path: path.resolve('/srv/sitrep/data/sitrep.sqlite') });
    expect(config.port).toBe(4000);
    expect(config.introspection).toBe(true);
    expect(config.readKeysRequired).toBe(false);
  });

  it('reads sqlite: and postgres:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:./x.sqlite' }, '/srv').database).toEqual({
      type: 'sqlite',
      path: path.resolve('/srv/x.sqlite'),
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:///abs/x.sqlite' }, '/srv').database).toEqual({
      type: 'sqlite',
      path: '/abs/x.sqlite',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toMatchObject({
      type: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  it('turns introspection off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SITREP_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SITREP_READ_KEYS_REQUIRED: 'maybe' }, 'SITREP_READ_KEYS_REQUIRED'],
    [{ SITREP_BRIEFING_MAX_EVENTS: '0' }, 'SITREP_BRIEFING_MAX_EVENTS'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
  ])('refuses %j with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`Invalid configuration: ${variable}`));
  });

  describe('SITREP_CORS_ORIGINS', () => {
    const allows = (env: Record<string, string>, origin: string): boolean => {
      const parsed = parseOrigin(origin);
      return parsed !== null && originAllowed(parsed, loadConfig(env).corsOrigins);
    };

    it('allows local dev servers on any port by default outside production, and nothing in production', () => {
      for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }] as Record<string, string>[]) {
        expect(allows(env, 'http://localhost:5173')).toBe(true);
        expect(allows(env, 'http://127.0.0.1:3000')).toBe(true);
        expect(allows(env, 'http://localhost')).toBe(true);
        expect(allows(env, 'https://localhost:5173')).toBe(false);
        expect(allows(env, 'http://localhost.evil.example:5173')).toBe(false);
      }
      expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
      expect(allows({ NODE_ENV: 'production' }, 'http://localhost:5173')).toBe(false);
    });

    it('takes a list of exact origins and port wildcards; empty allows none', () => {
      const env = { NODE_ENV: 'production', SITREP_CORS_ORIGINS: ' https://app.example.org , http://LOCALHOST:* ' };
      expect(allows(env, 'https://app.example.org')).toBe(true);
      expect(allows(env, 'https://app.example.org:443')).toBe(true);
      expect(allows(env, 'https://APP.example.org')).toBe(true);
      expect(allows(env, 'https://app.example.org:8443')).toBe(false);
      expect(allows(env, 'http://app.example.org')).toBe(false);
      expect(allows(env, 'https://evil.app.example.org')).toBe(false);
      expect(allows(env, 'http://localhost:8080')).toBe(true);
      expect(allows({ SITREP_CORS_ORIGINS: '' }, 'http://localhost:5173')).toBe(false);
      expect(allows({ SITREP_CORS_ORIGINS: '*' }, 'https://anyone.example')).toBe(true);
      expect(allows({ SITREP_CORS_ORIGINS: 'http://[::1]:*' }, 'http://[::1]:5173')).toBe(true);
    });

    it.each([
      'null',
      'http://localhost:5173/',
      'http://user@localhost:5173',
      'ftp://localhost',
      'http://a b',
      '',
      `http://${'a'.repeat(300)}.example`,
    ])('never matches the Origin %j', (origin) => {
      expect(allows({ SITREP_CORS_ORIGINS: '*' }, origin)).toBe(false);
    });

    it.each([
      'localhost:5173',
      'http://localhost:5173/',
      'http://localhost:5173/app',
      'http://*.example.org',
      'http://localhost:99999',
      'http://localhost:5*',
      'file://x',
      'https://a_b.example',
    ])('refuses the entry %j with a message naming the variable', (entry) => {
      expect(() => loadConfig({ SITREP_CORS_ORIGINS: `https://ok.example,${entry}` })).toThrow(
        /Invalid configuration: SITREP_CORS_ORIGINS .*http:\/\/localhost:\*/,
      );
    });
  });
});
