// The time zones the settings form offers: every IANA zone this runtime knows, UTC first.

export function timeZoneOptions(current: string): { value: string; label: string }[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone"), current]);
  return [...zones].map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}
