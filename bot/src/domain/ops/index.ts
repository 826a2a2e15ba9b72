// The operations content: role map, stakeholders, risks, OKRs/KSIs, steering committee and
// agenda, review checklists. Pure rules and services; storage and Teams live elsewhere.
export * from './common';
export * from './roles';
export * from './stakeholders';
export * from './risks';
export * from './okrs';
export * from './zoned-date';
export * from './cadence';
export * from './agenda';
export * from './steering';
export * from './checklist-templates';
export * from './checklists';
export * from './ops-services';
