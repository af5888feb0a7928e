import { describe, expect, it } from 'vitest';
import {
  INSTALLATION_ACTIONS,
  STUDY_ACTIONS,
  allowedStudyActions,
  assertInstallation,
  assertStudy,
  canInInstallation,
  canInStudy,
  requireActor,
  type Actor,
  type StudyAction,
} from './permissions';
import { STUDY_ROLES, type StudyRole } from '../../shared/api';

/**
 * The permission matrix written out by hand. A change to the matrix must change this table too — on purpose.
 *                           lead   researcher coder  committee
 */
const EXPECTED: Record<StudyAction, [boolean, boolean, boolean, boolean]> = {
  'study.read':           [true,  true,  true,  true ],
  'study.update':         [true,  false, false, false],
  'study.archive':        [true,  false, false, false],
  'study.confidential':   [true,  false, false, false],
  'members.read':         [true,  true,  false, false],
  'members.manage':       [true,  false, false, false],
  'audit.read':           [true,  false, false, false],
  'audit.export':         [true,  false, false, false],
  'data.read':            [true,  true,  true,  false],
  'data.write':           [true,  true,  true,  false],
  'results.read':         [true,  true,  true,  true ],
  'coding.supervise':     [true,  false, false, false],
  'legal.read':           [true,  true,  true,  true ],
  'legal.write':          [true,  true,  false, false],
  'signals.read':         [true,  true,  true,  false],
  'signals.write':        [true,  true,  false, false],
  'reflection.manage':    [true,  false, false, false],
  'findings.read':        [true,  true,  true,  true ],
  'findings.write':       [true,  true,  false, false],
  'findings.validate':    [true,  true,  false, false],
  'findings.configure':   [true,  false, false, false],
  'reports.read':         [true,  true,  true,  false],
  'reports.write':        [true,  true,  false, false],
  'reports.freeze':       [true,  true,  false, false],
  'reports.versions':     [true,  true,  true,  true ],
  'impact.read':          [true,  true,  true,  true ],
  'impact.write':         [true,  true,  false, false],
};
const ROLES: StudyRole[] = ['lead', 'researcher', 'coder', 'committee'];

describe('study permission matrix', () => {
  it('the table covers every study action and role', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STUDY_ACTIONS].sort());
    expect([...STUDY_ROLES]).toEqual(ROLES);
  });

  const cases = STUDY_ACTIONS.flatMap((action) => ROLES.map((role, i) => [role, action, EXPECTED[action][i]] as const));
  it.each(cases)('%s may %s: %s', (role, action, allowed) => {
    expect(canInStudy(role, action)).toBe(allowed);
    expect(allowedStudyActions(role).includes(action)).toBe(allowed);
    if (allowed) expect(assertStudy(role, action)).toBe(role);
    else expect(() => assertStudy(role, action)).toThrow(expect.objectContaining({ code: 'forbidden', status: 403 }));
  });

  it('the committee never sees raw data, members or the audit trail', () => {
    for (const a of ['data.read', 'data.write', 'members.read', 'audit.read', 'audit.export', 'study.confidential'] as const) expect(canInStudy('committee', a)).toBe(false);
    expect(canInStudy('committee', 'results.read')).toBe(true);
  });

  it('a coder does not read the audit trail', () => {
    expect(canInStudy('coder', 'audit.read')).toBe(false);
  });

  it('only the lead manages members, reads the audit trail and the confidential notes', () => {
    for (const a of ['members.manage', 'audit.read', 'study.confidential'] as const)
      expect(ROLES.filter((r) => canInStudy(r, a))).toEqual(['lead']);
  });

  it('no role (not a member) may do anything', () => {
    for (const a of STUDY_ACTIONS) {
      expect(canInStudy(null, a)).toBe(false);
      expect(canInStudy(undefined, a)).toBe(false);
    }
    expect(() => assertStudy(null, 'study.read')).toThrow(/geen lid van dit onderzoek/);
  });

  it('allowedStudyActions returns a copy', () => {
    const list = allowedStudyActions('coder');
    list.push('audit.read');
    expect(canInStudy('coder', 'audit.read')).toBe(false);
  });
});

describe('installation permissions', () => {
  const admin: Actor = { userId: 'a', isAdmin: true, name: 'Beheerder' };
  const user: Actor = { userId: 'u', isAdmin: false, name: 'Gebruiker' };
  const EXPECTED_INSTALLATION = [
    ['users.manage', true, false],
    ['settings.manage', true, false],
    ['study.create', true, true],
  ] as const;

  it('the table covers every installation action', () => {
    expect(EXPECTED_INSTALLATION.map(([a]) => a).sort()).toEqual([...INSTALLATION_ACTIONS].sort());
  });

  it.each(EXPECTED_INSTALLATION)('%s: admin %s, user %s', (action, forAdmin, forUser) => {
    expect(canInInstallation(admin, action)).toBe(forAdmin);
    expect(canInInstallation(user, action)).toBe(forUser);
    expect(canInInstallation(null, action)).toBe(false);
  });

  it('assertInstallation: 401 without an actor, 403 for a user, the actor for an admin', () => {
    expect(() => assertInstallation(null, 'study.create')).toThrow(expect.objectContaining({ code: 'unauthenticated', status: 401 }));
    expect(() => assertInstallation(user, 'users.manage')).toThrow(expect.objectContaining({ code: 'forbidden', status: 403, message: 'Alleen een beheerder mag dit doen.' }));
    expect(assertInstallation(admin, 'users.manage')).toBe(admin);
    expect(requireActor(user)).toBe(user);
    expect(() => requireActor(null)).toThrow(expect.objectContaining({ status: 401 }));
  });
});
