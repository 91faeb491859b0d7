import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createInstitution, problemSummary, signedUpClient } from '../../../testing/factories.ts';
import { dbLabel, startTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';

describe(`grading scale on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('starts at A–F, is replaced whole by admins, and every percentage keeps exactly one band', async () => {
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    const teacher = await addMember(t, owner.client, inst.id, 'teacher');
    expect((await teacher.client.settings.gradingScale(inst.id)).bands.map((b) => `${b.label}${b.min}`)).toEqual([
      'A90',
      'B80',
      'C70',
      'D60',
      'F0',
    ]);

    const gpa = await owner.client.settings.updateGradingScale(inst.id, {
      kind: 'gpa',
      bands: [
        { label: 'A+', min: 95, gpa: 4.3 },
        { label: 'A', min: 85, gpa: 4 },
        { label: 'Pass', min: 50, gpa: 2 },
        { label: 'Fail', min: 0, gpa: 0 },
      ],
    });
    expect(gpa.kind).toBe('gpa');
    expect((await teacher.client.settings.gradingScale(inst.id)).bands).toHaveLength(4);

    const bad = (bands: { label: string; min: number; gpa?: number | null }[], kind: 'gpa' | 'letters' = 'letters') =>
      problemSummary(owner.client.settings.updateGradingScale(inst.id, { kind, bands }));
    expect(
      await bad([
        { label: 'A', min: 80 },
        { label: 'B', min: 85 },
        { label: 'C', min: 0 },
      ]),
    ).toEqual({
      status: 400,
      code: 'settings.bands_not_falling',
      fields: ['bands.1.min'],
    });
    expect(
      (
        await bad([
          { label: 'A', min: 80 },
          { label: 'B', min: 40 },
        ])
      ).fields,
    ).toEqual(['bands.1.min']);
    expect(
      (
        await bad([
          { label: 'A', min: 80 },
          { label: 'a', min: 0 },
        ])
      ).code,
    ).toBe('settings.band_label_taken');
    expect(
      (
        await bad(
          [
            { label: 'A', min: 80, gpa: 4 },
            { label: 'F', min: 0 },
          ],
          'gpa',
        )
      ).fields,
    ).toEqual(['bands.1.gpa']);
    expect((await bad([{ label: 'A', min: 120 }])).fields).toEqual(['bands.0.min']);
    // Nothing of the refused attempts stuck.
    expect((await owner.client.settings.gradingScale(inst.id)).bands.map((b) => b.label)).toEqual(['A+', 'A', 'Pass', 'Fail']);
    expect((await owner.client.institutions.audit(inst.id, { action: 'grading_scale.updated' })).items).toHaveLength(1);
  });
});
