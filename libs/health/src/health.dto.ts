/** What the liveness probe answers. */
export class LivenessView {
  status!: 'ok';
}

export class ReadinessChecksView {
  eventStore!: 'up' | 'down';
  redis!: 'up' | 'down';
  keyStore!: 'up' | 'down';
}

/** What the readiness probe answers: `ready` (200) or `not_ready` (503), with each dependency's state. */
export class ReadinessView {
  status!: 'ready' | 'not_ready';
  checks!: ReadinessChecksView;
}
