"""Life events at the counter: the Sự kiện page and the intake's related-event banner."""
