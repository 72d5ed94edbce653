"""Every BHXH participant checked against the population register (Đề án 06, item 6).

- ``adapter``: the seam a real register connection plugs into (timeouts, retries, a
  steady rate) and the reference implementation over the fictitious register;
- ``compare``: declared identity against the register's record, field by field;
- ``runner``: the resumable run behind ``motcua-central verify-register``;
- ``worklist``: what the back office and the counters read from the results;
- ``routes``: the HTTP endpoints over ``worklist``.
"""
