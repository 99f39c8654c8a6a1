"""The reviewer workbooks (openpyxl): one assessment or several bids, their sheets and print."""
