/**
 * The page language: `?lang=` when offered, then Accept-Language by preference (RFC 9110 q
 * values, region subtags matched on their primary language), then the programme's default.
 */
import { describe, expect, it } from 'vitest';
import { pickLanguage } from '#web/language.ts';
import type { Language } from '#surveys/schema.ts';

const dones: Language[] = ['ca', 'es', 'en'];
const justrom3: Language[] = ['ro', 'en'];

describe('pickLanguage', () => {
  it('uses ?lang when the programme offers it, over Accept-Language', () => {
    expect(pickLanguage(dones, 'ca', 'es', 'en')).toBe('es');
    expect(pickLanguage(dones, 'ca', 'en', 'es, ca')).toBe('en');
    expect(pickLanguage(justrom3, 'ro', 'en', undefined)).toBe('en');
  });

  it('reads ?lang case-insensitively', () => {
    expect(pickLanguage(dones, 'ca', 'ES', undefined)).toBe('es');
  });

  it('ignores ?lang when the programme does not offer it, or it is no language at all', () => {
    expect(pickLanguage(justrom3, 'ro', 'ca', undefined)).toBe('ro');
    expect(pickLanguage(justrom3, 'ro', 'ca', 'en')).toBe('en');
    expect(pickLanguage(dones, 'ca', 'xx', 'es')).toBe('es');
    expect(pickLanguage(dones, 'ca', '', undefined)).toBe('ca');
    expect(pickLanguage(dones, 'ca', 'toString', undefined)).toBe('ca');
  });

  it('orders Accept-Language by q value and matches region subtags by their primary language', () => {
    expect(pickLanguage(dones, 'en', undefined, 'ca-ES;q=0.5, es;q=0.9')).toBe('es');
    expect(pickLanguage(dones, 'en', undefined, 'es;q=0.5, ca-ES;q=0.9')).toBe('ca');
    expect(pickLanguage(dones, 'en', undefined, 'ca-ES')).toBe('ca');
    expect(pickLanguage(justrom3, 'en', undefined, 'ro-RO,ro;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ro');
  });

  it('treats a missing q as 1 and keeps header order among equal q values', () => {
    expect(pickLanguage(dones, 'en', undefined, 'es;q=0.8, ca')).toBe('ca');
    expect(pickLanguage(dones, 'en', undefined, 'es, ca')).toBe('es');
    expect(pickLanguage(dones, 'en', undefined, 'ca;q=0.6, es;q=0.6')).toBe('ca');
  });

  it('reads upper case tags and spaces after the semicolon', () => {
    expect(pickLanguage(dones, 'en', undefined, 'CA-ES;q=0.4, ES; q=0.7')).toBe('es');
    expect(pickLanguage(dones, 'en', undefined, 'CA-ES')).toBe('ca');
  });

  it('reads optional whitespace before the semicolon (RFC 9110: weight = OWS ";" OWS "q=" qvalue)', () => {
    expect(pickLanguage(dones, 'en', undefined, 'es ;q=0.9')).toBe('es');
    expect(pickLanguage(dones, 'en', undefined, 'ca-ES ; q=0.4, es ; q=0.7')).toBe('es');
  });

  it('skips languages the programme does not offer and those refused with q=0', () => {
    expect(pickLanguage(justrom3, 'ro', undefined, 'fr-FR, de;q=0.9, en;q=0.1')).toBe('en');
    expect(pickLanguage(dones, 'ca', undefined, 'es;q=0, en;q=0.3')).toBe('en');
  });

  it('reads q values as RFC 9110 writes them, and a region tag ranked above its bare language', () => {
    expect(pickLanguage(dones, 'en', undefined, 'es;q=0.50, ca;q=0.500001')).toBe('ca');
    expect(pickLanguage(dones, 'en', undefined, 'es;q=1.0, ca;q=1')).toBe('es');
    expect(pickLanguage(justrom3, 'en', undefined, 'fr;q=0.9, ro;q=0.001')).toBe('ro');
    expect(pickLanguage(dones, 'en', undefined, 'ca-ES, ca;q=0.1, es;q=0.5')).toBe('ca');
  });

  it('takes a wildcard as no particular language: the default, not the first one offered', () => {
    expect(pickLanguage(dones, 'en', undefined, '*')).toBe('en');
    expect(pickLanguage(justrom3, 'ro', undefined, '*;q=0.9, en-GB;q=0.8')).toBe('en');
    expect(pickLanguage(dones, 'es', undefined, 'fr, *;q=0.5')).toBe('es');
  });

  it('falls back to the default with no usable preference', () => {
    expect(pickLanguage(dones, 'ca', undefined, undefined)).toBe('ca');
    expect(pickLanguage(dones, 'ca', undefined, '')).toBe('ca');
    expect(pickLanguage(dones, 'ca', undefined, 'fr, de;q=0.5, *;q=0.1')).toBe('ca');
    expect(pickLanguage(justrom3, 'ro', undefined, 'es;q=0')).toBe('ro');
    expect(pickLanguage(justrom3, 'en', undefined, ';;;,,,q=')).toBe('en');
  });
});
