// The official socket.io-client (the one a seed dashboard uses) against the gateway, on one transport only, so the
// Java test can tell that both the WebSocket and the long-polling paths through the gateway work.
//
//   node events.mjs URL websocket|polling [EVENT,EVENT,... [TIMEOUT_MS [reconnect]]]
//
// Prints one JSON line per happening on stdout: {"type":"connected","transport":...} once connected, then
// {"type":"event","event":NAME,"data":PAYLOAD,"transport":...} per event received, and {"type":"error",...} on a
// connection error. Exits 0 once every event named has come at least once, 2 when the timeout passes first, 3 when
// it cannot connect. With `reconnect` the client reconnects as a seed dashboard does (the library's default) and
// prints {"type":"connected"} again each time; a failed attempt is printed as {"type":"error"} and retried.
import { io } from "socket.io-client";

const [url, transport, wanted = "", timeoutArg = "60000", mode = ""] = process.argv.slice(2);
const reconnect = mode === "reconnect";
if (!url || !["websocket", "polling"].includes(transport)) {
  console.error("usage: node events.mjs URL websocket|polling [EVENT,EVENT,... [TIMEOUT_MS]]");
  process.exit(64);
}

const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");
const missing = new Set(wanted.split(",").filter(Boolean));
// No upgrade: a polling client must stay on polling, or the test would not show that polling works on its own.
const socket = io(url, {
  transports: [transport], upgrade: false, reconnection: reconnect, reconnectionDelay: 200, reconnectionDelayMax: 1000,
});
const current = () => socket.io.engine?.transport?.name;

const finish = (code) => {
  socket.close();
  // Let stdout drain before exiting: the lines are what the test reads.
  process.stdout.write("", () => process.exit(code));
};

socket.on("connect", () => print({ type: "connected", transport: current() }));
// Without reconnection a failed connection is final: say why and stop, so the test fails at once with the reason.
socket.on("connect_error", (error) => {
  print({ type: "error", message: String(error?.message ?? error) });
  if (!reconnect) {
    finish(3);
  }
});
socket.on("disconnect", (reason) => print({ type: "disconnected", reason }));
socket.onAny((event, data) => {
  print({ type: "event", event, data, transport: current() });
  missing.delete(event);
  if (wanted && missing.size === 0) {
    finish(0);
  }
});

setTimeout(() => {
  print({ type: "timeout", missing: [...missing] });
  finish(2);
}, Number(timeoutArg));
