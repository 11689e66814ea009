// The registry's stream names are pure: they live in the domain, where importers read them too.
export { DISTRICT_PREFIX, PARTNER_PREFIX, districtStreamId, partnerStreamId } from '@leap/domain';
