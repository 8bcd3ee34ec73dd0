// course-engine serve: no offline copy while authoring, so every reload shows the latest save.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', () => self.registration.unregister());
