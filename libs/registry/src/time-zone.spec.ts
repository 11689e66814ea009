import { isIanaTimeZone } from './time-zone';

describe('when a district names its time zone', () => {
  it.each(['America/New_York', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata', 'UTC'])(
    'accepts the IANA zone %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each(['Mars/Olympus_Mons', 'america/new_york', 'EST', 'New York', '+05:00', '', 42])(
    'refuses %p, which is not an IANA zone name',
    (zone) => expect(isIanaTimeZone(zone)).toBe(false),
  );
});
