import { describe, expect, it } from 'vitest';
import { listProjects, readProjectLines } from './project-list.js';

describe('listProjects', () => {
  it('is undefined without any flag: projects appear on first use', () => {
    expect(listProjects([], [], [])).toBeUndefined();
  });

  it('gives a bare project to the one --org and reads <org>/<slug> as written', () => {
    expect(listProjects(['acme'], ['web', 'other/api'], ['acme/ios'])).toEqual([
      { org: 'acme', project: 'web' },
      { org: 'other', project: 'api' },
      { org: 'acme', project: 'ios' },
    ]);
  });

  it('asks for <org>/<slug> when a bare project could belong to several organizations', () => {
    expect(() => listProjects(['acme', 'other'], ['web', 'other/api'], [])).toThrow(
      expect.objectContaining({
        message: 'project "web" names no single organization',
        hint: 'with several --org, write the project as <org>/web',
      }),
    );
  });

  it.each(['a/b/c', '../web', 'acme/', 'acme/we b', 'acme/12'])('refuses %j as a project', (entry) => {
    expect(() => listProjects([], [entry], [])).toThrow(/is not a valid (organization|project) slug/);
  });
});

describe('readProjectLines', () => {
  it('skips blank lines and # notes, and trims', () => {
    expect(readProjectLines('# team\r\n acme/web \n\nacme/ios # later\n#\n')).toEqual([
      'acme/web',
      'acme/ios',
    ]);
  });
});
