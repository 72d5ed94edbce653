"""Birth certificates and death notices from the health sector, turned into work for
the counters: the feed the health-insurance portal posts to, the matching of each
event to people in the population register and BHXH's records, and the routing to the
office responsible for the family's residence (seed plan item 5)."""
