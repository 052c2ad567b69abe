using Broken.Auth;
using SignalGen;

namespace Broken;

public static class Receivers
{
    [Receiver(Signal.UserLoggedIn)]
    public static void OnLogin(string user, int attempts) { }
}
