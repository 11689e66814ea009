import type { ResourceType } from '@leap/domain';
import { ApiInteger } from '@leap/http';

/** The organisation's public contact, not a person's. */
export class PartnerContactView {
  phone!: string | null;
  url!: string | null;
}

export class PartnerView {
  partnerId!: string;
  districtId!: string;
  name!: string;
  resourceTypes!: ResourceType[];
  /** Languages the partner serves families in (BCP 47 tags such as `en`, `es`). */
  languages!: string[];
  contact!: PartnerContactView;
  /** An inactive partner stays in the directory and takes no new referrals. */
  active!: boolean;
}

export class PartnerListView {
  /** By name. */
  partners!: PartnerView[];
}

export class PartnerAnswer {
  partnerId!: string;
  active!: boolean;
  /** The partner stream's revision after the command: send it as `If-Match` on the next one. */
  @ApiInteger() revision!: number;
  /** Global position of the partner's last event. */
  position!: string | null;
}
