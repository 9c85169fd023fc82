import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { EXIFR_OPTIONS, metadataFindings } from './metadata-findings.ts';

const file = (name: string) => readFileSync(new URL(`../../../../e2e/files/${name}`, import.meta.url));

describe('metadataFindings', () => {
  it('finds the GPS location and the artist in grumpy.jpg, not the camera model', async () => {
    const parsed = (await exifr.parse(file('grumpy.jpg'), EXIFR_OPTIONS)) as Record<string, unknown>;
    expect(metadataFindings(parsed)).toEqual([
      { kind: 'location', label: 'GPS location', value: '48.8584° N, 2.2945° E' },
      { kind: 'name', label: 'Artist', value: 'Jane Doe' },
    ]);
  });

  it('finds nothing in clean.jpg', async () => {
    expect(metadataFindings((await exifr.parse(file('clean.jpg'), EXIFR_OPTIONS)) as undefined)).toEqual([]);
  });

  it('reads serial numbers and XMP/IPTC names in their shapes, once each', () => {
    expect(
      metadataFindings({
        BodySerialNumber: 'SN123',
        SerialNumber: 'SN123',
        LensSerialNumber: 77,
        creator: { lang: 'x-default', value: 'Ana' },
        Byline: ['Bo', 'Cy'],
        latitude: -33.5,
        longitude: -70.25,
      }),
    ).toEqual([
      { kind: 'location', label: 'GPS location', value: '33.5000° S, 70.2500° W' },
      { kind: 'serial', label: 'Camera serial number', value: 'SN123' },
      { kind: 'serial', label: 'Lens serial number', value: '77' },
      { kind: 'name', label: 'Creator', value: 'Ana' },
      { kind: 'name', label: 'By-line', value: 'Bo, Cy' },
    ]);
  });
});
