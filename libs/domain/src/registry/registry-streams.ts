/** Stream names of the registry: category, a dash, then the id (ids may contain dashes). */
export const DISTRICT_PREFIX = 'district-';
export const PARTNER_PREFIX = 'partner-';
export const districtStreamId = (districtId: string) => `${DISTRICT_PREFIX}${districtId}`;
export const partnerStreamId = (partnerId: string) => `${PARTNER_PREFIX}${partnerId}`;
