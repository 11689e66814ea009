/** Stream names: category, a dash, then the id (ids may contain dashes). */
export const VISITOR_PREFIX = 'visitor-';
export const visitorStreamId = (visitorId: string) => `${VISITOR_PREFIX}${visitorId}`;
/** Which visitor of a district holds a login, named by the login's keyed pseudonym (see `VisitorLogins`). */
export const visitorLoginStreamId = (districtId: string, subjectPseudonym: string) =>
  `visitorlogin-${districtId}.${subjectPseudonym}`;
