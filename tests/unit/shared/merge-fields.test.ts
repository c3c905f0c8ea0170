import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertMergeField, joinNames, mergeFieldNames, renderMerge, scanMergeFields } from '../../../src/shared/sms/merge-fields';

describe('merge fields', () => {
  it('fills in each known field, and tolerates spaces and capitals inside the braces', () => {
    const result = renderMerge('Hi {first_name}, {Student Names} swim at {class_name} with { business_name }.', {
      first_name: 'Ana', student_names: 'Mia and Leo', class_name: 'Level 2', business_name: 'Sunny Swim',
    });
    expect(result).toEqual({ text: 'Hi Ana, Mia and Leo swim at Level 2 with Sunny Swim.', empty: [] });
  });

  it('names the fields that were empty for this recipient', () => {
    expect(renderMerge('Hi {first_name} {family_name}', { first_name: ' ', family_name: 'Lopez' })).toEqual({ text: 'Hi  Lopez', empty: ['first_name'] });
  });

  it('leaves unknown fields as typed and reports them', () => {
    expect(renderMerge('Hi {frist_name}', { first_name: 'Ana' }).text).toBe('Hi {frist_name}');
    expect(scanMergeFields('Hi {frist_name} {first_name} {first_name} {} {123} {a b}')).toEqual({ fields: ['first_name'], unknown: ['{frist_name}', '{a b}'] });
  });

  it('keeps a value on one line: newlines and control characters from a form become spaces', () => {
    expect(renderMerge('Hi {first_name}!', { first_name: 'Ana\r\n\u0007 Maria' }).text).toBe('Hi Ana Maria!');
  });

  it('joins names as a family reads them', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Mia'])).toBe('Mia');
    expect(joinNames(['Mia', 'Leo'])).toBe('Mia and Leo');
    expect(joinNames(['Mia', 'Leo', 'Mia', '', 'Sam'])).toBe('Mia, Leo and Sam');
  });

  it('inserts a field at the cursor, replacing a selection', () => {
    expect(insertMergeField('Hi !', 3, 3, 'first_name')).toEqual({ text: 'Hi {first_name}!', cursor: 15 });
    expect(insertMergeField('Hi you!', 3, 6, 'first_name')).toEqual({ text: 'Hi {first_name}!', cursor: 15 });
    expect(insertMergeField('', 99, -4, 'class_name')).toEqual({ text: '{class_name}', cursor: 12 });
  });

  it('never throws, and a text without braces comes back unchanged with no field flagged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.dictionary(fc.constantFrom(...mergeFieldNames), fc.string({ maxLength: 20 })), (body, values) => {
        const result = renderMerge(body, values);
        if (!body.includes('{')) expect(result).toEqual({ text: body, empty: [] });
        // A value is cleaned to one line, so filling in never adds a line break.
        expect(result.text.split('\n').length).toBeLessThanOrEqual(body.split('\n').length);
      }),
    );
  });

  it('rendering is stable: values that hold no braces leave nothing to fill in a second time', () => {
    const noBraces = fc.string({ maxLength: 20 }).map((s) => s.replace(/[{}]/g, ''));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...mergeFieldNames, 'Hi ', ', ', '!'), { maxLength: 12 }), fc.dictionary(fc.constantFrom(...mergeFieldNames), noBraces), (parts, values) => {
        const body = parts.map((p) => ((mergeFieldNames as readonly string[]).includes(p) ? `{${p}}` : p)).join('');
        const once = renderMerge(body, values).text;
        expect(scanMergeFields(once).fields).toEqual([]);
        expect(renderMerge(once, values).text).toBe(once);
      }),
    );
  });
});
