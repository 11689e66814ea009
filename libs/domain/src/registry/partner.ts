import type { ResourceType } from '../vocabulary';

/**
 * The community resource directory: one partner per stream, `partner-<partnerId>`, belonging to one
 * district. Referrals name a partner of the case's district that is active and offers the resource.
 */
export interface PartnerProfile {
  partnerId: string;
  districtId: string;
  name: string;
  resourceTypes: ResourceType[];
  /** Languages the partner serves families in (BCP 47 tags such as `en`, `es`). */
  languages: string[];
  /** The organisation's public contact, not a person's. */
  contact: { phone: string | null; url: string | null };
}

export type PartnerRegistered = { type: 'PartnerRegistered.v1'; data: PartnerProfile };
/** The partner no longer takes referrals; referrals made before keep naming it. */
export type PartnerDeactivated = { type: 'PartnerDeactivated.v1'; data: { partnerId: string } };
export type PartnerEvent = PartnerRegistered | PartnerDeactivated;

export type RegisterPartner = { type: 'RegisterPartner'; data: PartnerProfile; actorId: string };
export type DeactivatePartner = { type: 'DeactivatePartner'; data: Record<string, never>; actorId: string };
export type PartnerCommand = RegisterPartner | DeactivatePartner;

export type RegisteredPartner = PartnerProfile & { status: 'registered'; active: boolean };
export type PartnerState = { status: 'none' } | RegisteredPartner;
