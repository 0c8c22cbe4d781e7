import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

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
});
