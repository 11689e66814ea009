/**
 * The ceiling of the HTTP benches: a bare Express 5 server that parses a JSON POST and answers it
 * back (201, JSON), nothing else. Run in its own process by bench/load.ts; prints its base URL.
 */
import express from 'express';

const app = express();
app.use(express.json({ limit: '100kb' }));
app.post('/{*path}', (request, response) => {
  response.status(201).json(request.body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
