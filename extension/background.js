// The service worker (Chrome) / background script (Firefox). Listeners are
// registered synchronously at the top level so that an event that wakes the
// worker finds them; all the work is in background/service.js.
import "./lib/browser.js";
import "./lib/messages.js";
import { createService } from "./background/service.js";

const ext = globalThis.GlossBrowser;
const service = createService({ ext });

ext.action.onClicked(service.onActionClicked);
ext.commands.onCommand(service.onCommand);
ext.menus.onClicked(service.onMenuClicked);
ext.alarms.onAlarm(service.onAlarm);
ext.runtime.onStartup(service.onStartup);
ext.runtime.onInstalled(service.onInstalled);
ext.runtime.onMessage(service.onMessage);
