"""Face match at the counter, UI side: the camera sources and the face dialog.

The matching itself is Qt-free (``app.services.face``); this package shows frames,
takes a burst and hands it to a worker thread.
"""
