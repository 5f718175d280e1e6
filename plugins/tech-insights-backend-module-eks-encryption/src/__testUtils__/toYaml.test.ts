import { toYaml } from './toYaml';

describe('toYaml', () => {
  it('writes mappings, lists and scalars in block style', () => {
    expect(
      toYaml({
        root: {
          plain: 'json-rules-engine',
          quoted: 'a: b',
          cron: '*/15 * * * *',
          apostrophe: "it's",
          keyword: 'true',
          flag: true,
          count: 2,
          ids: ['one', 'two'],
          skipped: undefined,
          all: [
            { fact: 'a', value: true },
            { fact: 'b', nested: { value: 'x' } },
          ],
        },
      }),
    ).toBe(
      [
        'root:',
        '  plain: json-rules-engine',
        "  quoted: 'a: b'",
        "  cron: '*/15 * * * *'",
        "  apostrophe: 'it''s'",
        "  keyword: 'true'",
        '  flag: true',
        '  count: 2',
        '  ids: [one, two]',
        '  all:',
        '    - fact: a',
        '      value: true',
        '    - fact: b',
        '      nested:',
        '        value: x',
        '',
      ].join('\n'),
    );
  });
});
