"""依申请公开: the yearly ledgers read into records and checked (dates, fees, reply deadlines in
working days), and the fee engine."""
