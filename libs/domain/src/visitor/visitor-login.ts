/**
 * One visitor per login (`subject`) in a district, across streams: stream
 * `visitorlogin-<districtId>.<subject pseudonym>` records which visitor holds the login. The stream
 * name carries the login only as its keyed pseudonym, and its events carry no login at all. It is
 * appended with optimistic concurrency, so two simultaneous registrations of one login cannot both
 * claim it.
 *
 * Nothing records a release: a claim whose visitor was never registered (a crash between the claim
 * and the registration) stops counting once it is old enough, which the caller looks up and passes in.
 */
export type VisitorLoginClaimed = {
  type: 'VisitorLoginClaimed.v1';
  data: { districtId: string; visitorId: string };
};
export type VisitorLoginEvent = VisitorLoginClaimed;

export type ClaimVisitorLogin = {
  type: 'ClaimVisitorLogin';
  data: {
    districtId: string;
    visitorId: string;
    /**
     * Whether the visitor holding the login (if any) still holds it: it is registered, or it claimed
     * the login so recently that its registration may still be under way.
     */
    holderStillHolds: boolean;
  };
  actorId: string;
};
export type VisitorLoginCommand = ClaimVisitorLogin;

export interface VisitorLoginState {
  /** The visitor that last claimed the login, or null. */
  holderVisitorId: string | null;
}
