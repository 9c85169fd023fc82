import { describe, expect, it } from 'vitest';
import { contentTypeForPath, sniffContentType } from './content-type.ts';

describe('contentTypeForPath', () => {
  it.each([
    ['/a.mp3', 'audio/mpeg'],
    ['/logo.svg', 'image/svg+xml'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/site.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['/subs.vtt', 'text/vtt; charset=utf-8'],
    ['/cal.ics', 'text/calendar; charset=utf-8'],
    ['/clip.mov', 'video/quicktime'],
    ['/scan.tif', 'image/tiff'],
    ['/voice.opus', 'audio/opus'],
    ['/anim.apng', 'image/apng'],
    ['/feed.rss', 'application/rss+xml; charset=utf-8'],
    ['/model.glb', 'model/gltf-binary'],
    ['/types.ts', 'text/plain; charset=utf-8'],
    ['/PHOTO.JPG', 'image/jpeg'],
  ])('%s → %s', (path, type) => {
    expect(contentTypeForPath(path)).toBe(type);
  });

  it('answers null without an extension or for an unknown one, so the bytes are sniffed', () => {
    expect(contentTypeForPath('/')).toBeNull();
    expect(contentTypeForPath('/README')).toBeNull();
    expect(contentTypeForPath('/.hidden')).toBeNull();
    expect(contentTypeForPath('/x.nosuchext')).toBeNull();
  });
});

describe('sniffContentType', () => {
  it('recognises images, audio, HTML and binary', () => {
    expect(sniffContentType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('image/png');
    expect(sniffContentType(Uint8Array.from([0x49, 0x44, 0x33, 0x04]))).toBe('audio/mpeg');
    expect(sniffContentType(new TextEncoder().encode('<!DOCTYPE html><p>'))).toBe('text/html; charset=utf-8');
    expect(sniffContentType(Uint8Array.from([0x00, 0x01, 0x02, 0x03]))).toBe('application/octet-stream');
  });
});
