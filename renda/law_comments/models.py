"""Comments on a draft (征求意见): the comment periods, the comments tied to an article or to the
whole, the grassroots legislative contact points that forward residents' comments, and the
committee's adoption of each."""
